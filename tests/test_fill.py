"""`ropcli fill`: the questions for a site's empty fields, the answers checked and saved one by
one into real site files (comments kept, only new errors refuse), and the command's
answers off a terminal. The questions on a real terminal: tests/test_fill_terminal.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropcli.editing.answers import (
    BadAnswer,
    default,
    elsewhere,
    parse_answer,
    read_data,
    save_answer,
)
from ropcli.editing.questionnaire import Field, empty_fields
from ropcli.editing.records import agreement
from ropcli.editing.scaffold import render
from ropcli.editing.transaction import RefusedWrite, commit, edit_site
from ropcli.validation.registry import Registry, open_registry
from tests.conftest import SETTINGS_TEXT, SITE_TEXT, RunCli, edited

ORGANIZATION = {"full_name": "МБОУ «Средняя школа № 27»", "short_name": "МБОУ «СОШ № 27»"}
TODAY = dt.date(2026, 11, 29)


def _registry(tmp_path: Path, **values: str | None) -> Registry:
    """A registry with one new site, `kursk-sosh-27`, as `ropcli new` writes it."""
    root = tmp_path / "registry"
    (root / "sites").mkdir(parents=True)
    (root / "ropcli.yaml").write_text(SETTINGS_TEXT, encoding="utf-8")
    registry = open_registry(root)
    text = render(registry, "kursk-sosh-27", {"type": "school", **ORGANIZATION, **values})
    (root / "sites" / "kursk-sosh-27.yaml").write_text(text, encoding="utf-8")
    return registry


def _fields(registry: Registry, *only: str) -> dict[str, Field]:
    data = read_data(registry, "kursk-sosh-27")
    return {f.pointer: f for f in empty_fields(data, registry.settings, only)}


def _answer(registry: Registry, pointer: str | Field, answer: str) -> None:
    field = pointer if isinstance(pointer, Field) else _fields(registry)[pointer]
    change, _ = save_answer(registry, "kursk-sosh-27", field, parse_answer(field, answer))
    assert change.allowed, [p.message for p in change.problems]
    commit(change)


def _path(registry: Registry) -> Path:
    return registry.sites_dir / "kursk-sosh-27.yaml"


def test_the_questions_are_the_fields_validate_lists(tmp_path: Path, cli: RunCli) -> None:
    registry = _registry(tmp_path)
    result = cli("--registry", str(registry.root), "validate", "--format", "json")
    listed = [p["pointer"] for p in json.loads(result.stdout)["problems"]]
    asked = list(_fields(registry))
    assert asked == list(dict.fromkeys(listed))
    assert asked[:3] == ["/organization/inn", "/organization/ogrn", "/organization/municipality"]


def test_each_question_knows_its_answer(tmp_path: Path) -> None:
    fields = _fields(_registry(tmp_path))
    inn = fields["/organization/inn"]
    assert (inn.kind, inn.check_digits, inn.title, inn.heading) == (
        "identifier",
        "inn",
        "ИНН",
        ("Организация",),
    )
    assert fields["/organization/municipality"].choices["khomutovsky"][0] == "Хомутовский район"
    untyped = _fields(_registry(tmp_path / "untyped", type=None))
    for chosen in ("/organization/type", "/organization/municipality"):  # no codes: kursk, school
        assert not re.search("[a-z]{3}", untyped[chosen].description), untyped[chosen].description
    assert fields["/passport/forms"].description.startswith("Строка 3 паспорта")
    order = fields["/application/documents/implementation_order/number"]
    assert order.heading == ("Заявка", "Документы", "Приказ о внедрении наставничества")
    assert order.kind == "identifier" and order.description.startswith("Номер приказа")
    assert fields["/application/date"].kind == "date"
    assert fields["/application/mentoring_page"].kind == "url"
    assert fields["/passport/forms"].kind == "choice_list"
    assert fields["/passport/tasks"].kind == "text_list"
    stage = fields["/passport/technology/0/stage"]
    assert stage.heading == ("Паспорт практики", "Технология реализации", "Этап 1")
    assert fields["/passport/contact/email"].kind == "email"
    assert "/application/documents/mentoring_regulation/teachers_included" not in fields
    assert set(_fields(_registry(tmp_path / "2"), "application")) == {
        p for p in fields if p.startswith("/application/")
    }


def test_an_empty_list_of_stages_and_empty_resources_are_asked_item_by_item(
    tmp_path: Path,
) -> None:
    registry = _registry(tmp_path)
    path = _path(registry)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  technology:\n"), text.index("  # 10. Результаты")
    text = text[:start] + "  technology: []\n" + text[end:]
    start, end = text.index("  resources:\n"), text.index("  # 9. Технология")
    path.write_text(text[:start] + "  resources: {}\n" + text[end:], encoding="utf-8")
    asked = [p for p in _fields(registry, "passport") if "/technology" in p or "/resources" in p]
    assert asked == [
        "/passport/resources/financial",
        "/passport/resources/staffing",
        "/passport/resources/material",
        "/passport/resources/methodological",
        "/passport/technology/0/stage",
        "/passport/technology/0/activities",
        "/passport/technology/0/methods",
    ]
    _answer(registry, "/passport/technology/0/stage", "Подготовительный")
    _answer(registry, "/passport/resources/staffing", "Два наставника")
    data = read_data(registry, "kursk-sosh-27")["passport"]
    assert data["technology"] == [{"stage": "Подготовительный"}]
    assert data["resources"] == {"staffing": "Два наставника"}


@pytest.mark.parametrize(
    ("pointer", "answer", "value"),
    [
        ("/application/date", "20.06.2025", dt.date(2025, 6, 20)),
        ("/application/date", " 2025-06-20 ", dt.date(2025, 6, 20)),
        ("/organization/inn", "4632000002", "4632000002"),
        ("/organization/ogrn", "1024600000006", "1024600000006"),
        ("/organization/municipality", "31", "khomutovsky"),
        ("/organization/municipality", "хомутовский район", "khomutovsky"),
        ("/organization/municipality", "г. Курск", "kursk"),
        ("/passport/forms", "учитель-учитель", "учитель – учитель"),
        ("/passport/forms", "2", "учитель – учитель"),
        ("/application/documents/teacher_pairs_order/school_year", "2024-2025", "2024/2025"),
        ("/passport/goal", "  Цель:  два пробела  ", "Цель:  два пробела"),
    ],
)
def test_answers_that_fit(tmp_path: Path, pointer: str, answer: str, value: object) -> None:
    assert parse_answer(_fields(_registry(tmp_path))[pointer], answer) == value


@pytest.mark.parametrize(
    ("pointer", "answer", "says"),
    [
        ("/application/date", "31.02.2025", "такого дня в календаре нет"),
        ("/application/date", "вчера", "не дата: пишите ГГГГ-ММ-ДД"),
        ("/organization/inn", "4632000001", "не сходится контрольная цифра"),
        ("/organization/inn", "463200000", "ИНН — это 10 цифр"),
        ("/organization/ogrn", "1024600000005", "не сходится контрольная цифра"),
        ("/organization/municipality", "34", "номера 34 в списке нет: выберите от 1 до 33"),
        ("/organization/municipality", "хомутов", "может быть, «Хомутовский район»?"),
        ("/application/mentoring_page", "sosh27.ru", "нужна полная ссылка"),
        ("/passport/contact/email", "sosh27", "не адрес электронной почты"),
        ("/application/documents/teacher_pairs_order/school_year", "2024/2026", "соседних"),
        ("/passport/goal", "два\tслова", "управляющие символы"),
    ],
)
def test_answers_refused_with_the_reason(
    tmp_path: Path, pointer: str, answer: str, says: str
) -> None:
    with pytest.raises(BadAnswer) as refused:
        parse_answer(_fields(_registry(tmp_path))[pointer], answer)
    assert says in refused.value.message


def test_defaults_where_obvious(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    _answer(registry, "/organization/head/name", "Петрова Анна Ивановна")
    fields = _fields(registry)
    data = read_data(registry, "kursk-sosh-27")
    offered = {p: default(f, data, TODAY, registry.settings) for p, f in fields.items()}
    assert offered["/application/date"] == "29.11.2026"
    assert offered["/application/signed_by/name"] == "Петрова Анна Ивановна"
    assert offered["/application/signed_by/position"] is None  # the head's position is empty
    assert offered["/application/documents/teacher_pairs_order/school_year"] is None
    _answer(registry, "/application/date", "20.06.2025")
    data = read_data(registry, "kursk-sosh-27")
    year = _fields(registry)["/application/documents/teacher_pairs_order/school_year"]
    assert default(year, data, TODAY, registry.settings) == "2024/2025"


def test_answers_saved_one_by_one_keep_every_comment_and_resume(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    before = _path(registry).read_text(encoding="utf-8")
    _answer(registry, "/organization/inn", "4632000002")
    _answer(registry, "/application/date", "20.06.2025")  # the draft is one no more
    _answer(registry, "/application/outgoing_number", "01-12/345")
    forms = _fields(registry)["/passport/forms"]  # a list: asked item by item
    _answer(registry, forms, "1")
    _answer(registry, forms, "педагог – педагог")
    _answer(registry, "/passport/tasks", "Закрепить молодых педагогов")
    after = _path(registry).read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    assert '  inn: "4632000002"\n' in after and '  outgoing_number: "01-12/345"\n' in after
    assert "  forms:\n    - ученик – ученик\n    - педагог – педагог\n" in after
    data = yaml.safe_load(after)
    assert data["application"]["date"] == dt.date(2025, 6, 20)
    assert data["passport"]["tasks"] == ["Закрепить молодых педагогов"]
    left = list(_fields(registry))
    assert left[:2] == ["/organization/ogrn", "/organization/municipality"]
    for answered in ("inn", "date", "outgoing_number", "forms", "tasks"):
        assert not {f"/organization/{answered}", f"/application/{answered}"} & set(left)
        assert f"/passport/{answered}" not in left


def test_an_answer_that_brings_a_new_error_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    registry = _registry(tmp_path)
    other = edited(SITE_TEXT, ("id: site", "id: other"))
    (registry.sites_dir / "other.yaml").write_text(other, encoding="utf-8")
    inn = str(yaml.safe_load(other)["organization"]["inn"])
    before = _path(registry).read_bytes()
    field = _fields(registry)["/organization/inn"]
    change, _ = save_answer(registry, "kursk-sosh-27", field, parse_answer(field, inn))
    assert not change.allowed
    assert any(f"ИНН «{inn}» указан и в" in p.message for p in change.problems)
    assert _path(registry).read_bytes() == before


def test_an_error_on_another_field_names_that_field_and_its_line(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    _answer(registry, "/application/documents/teacher_pairs_order/school_year", "2024/2025")
    field = _fields(registry)["/application/date"]
    change, _ = save_answer(registry, "kursk-sosh-27", field, parse_answer(field, "14.04.2026"))
    assert not change.allowed
    [(problem, title)] = elsewhere(field, change.problems)
    assert title == "Заявка › Документы › Приказ о закреплении пар › Учебный год"
    assert problem.pointer == "/application/documents/teacher_pairs_order/school_year"
    line = _path(registry).read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line.strip() == "school_year: 2024/2025"
    assert "(заявка от 14.04.2026)" in problem.message  # a Russian date, not 2026-04-14
    inn = _fields(registry)["/organization/inn"]  # an error on the field itself: ask again
    wrong, _ = save_answer(registry, "kursk-sosh-27", inn, "4632000001")
    assert not wrong.allowed and elsewhere(inn, wrong.problems) == []


def test_the_writer_lets_fill_add_to_a_file_with_errors_and_record_still_refuses(
    tmp_path: Path,
) -> None:
    registry = _registry(tmp_path)
    _answer(registry, "/application/date", "20.06.2025")  # a draft no more: empty is an error
    _answer(registry, "/application/outgoing_number", "01-12/345")  # allowed all the same
    with pytest.raises(RefusedWrite, match="уже есть ошибки"):
        edit_site(registry, "kursk-sosh-27", agreement(dt.date(2025, 7, 1), "Комитет"))


def test_a_new_warning_does_not_refuse_the_answer(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    field = _fields(registry)["/organization/ogrn"]
    ogrn = "1027700000000"  # a valid ОГРН of Moscow: the region's code is not 46
    ogrn = ogrn[:12] + str(int(ogrn[:12]) % 11 % 10)
    change, warnings = save_answer(registry, "kursk-sosh-27", field, parse_answer(field, ogrn))
    assert change.allowed and [w.rule for w in warnings] == ["ogrn-region"]


FREE_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=80).filter(
    lambda s: s.isprintable() and s == s.strip()
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answer=FREE_TEXT)
def test_any_printable_answer_is_saved_as_typed(tmp_path: Path, answer: str) -> None:
    registry = _registry(Path(tempfile.mkdtemp(dir=tmp_path)))
    _answer(registry, "/passport/goal", answer)
    assert read_data(registry, "kursk-sosh-27")["passport"]["goal"] == answer
    assert yaml.safe_load(_path(registry).read_text(encoding="utf-8"))["passport"]["goal"] == answer


def test_list_asks_nothing_and_works_off_a_terminal(tmp_path: Path, cli: RunCli) -> None:
    registry = _registry(tmp_path)
    result = cli("--registry", str(registry.root), "fill", "kursk-sosh-27", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "/organization/inn\tОрганизация › ИНН"
    assert len(lines) == len(_fields(registry))
    only = cli(
        "--registry", str(registry.root), "fill", "kursk-sosh-27", "--list", "--only", "паспорт"
    )
    assert (
        only.stdout.splitlines()[0]
        == "/passport/practice_name\tПаспорт практики › Наименование практики"
    )


def test_off_a_terminal_the_questions_are_refused(tmp_path: Path, cli: RunCli) -> None:
    registry = _registry(tmp_path)
    before = _path(registry).read_bytes()
    result = cli("--registry", str(registry.root), "fill", "kursk-sosh-27")
    assert result.exit_code == 2
    assert "работает только в терминале" in result.stderr
    assert "ropcli fill kursk-sosh-27 --list" in result.stderr
    assert _path(registry).read_bytes() == before


def test_nothing_to_ask_and_usage_errors(tmp_path: Path, cli: RunCli) -> None:
    registry = _registry(tmp_path)
    (registry.sites_dir / "site.yaml").write_text(SITE_TEXT, encoding="utf-8")
    done = cli("--registry", str(registry.root), "fill", "site")
    assert done.exit_code == 0 and "пустых полей нет" in done.stderr
    wrong = cli("--registry", str(registry.root), "fill", "kursk-sosh-27", "--only", "отчёты")
    assert wrong.exit_code == 2 and "нет такого раздела" in wrong.stderr
    (registry.sites_dir / "broken.yaml").write_text("id: [broken\n", encoding="utf-8")
    broken = cli("--registry", str(registry.root), "fill", "broken")
    assert broken.exit_code == 1 and "не читается как файл площадки" in broken.stderr
    unknown = cli("--registry", str(registry.root), "fill", "kursk-sosh-72")
    assert unknown.exit_code == 2 and "нет площадки «kursk-sosh-72»" in unknown.stderr
