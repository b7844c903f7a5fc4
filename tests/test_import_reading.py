"""The reading side of `ropcli import`: labels by meaning, values in the ways people write
them, any printable title through a Word file unchanged (property test), and the blank
forms as documents of `ropcli render` (golden Markdown, a site id refused)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropcli.core.settings import Settings
from ropcli.intake import values
from ropcli.intake.compose import read
from ropcli.intake.labels import classify
from ropcli.intake.reading import read_entries
from tests.cli_support import SAMPLE_REGISTRY, check_golden, invoke
from tests.import_support import fill

LABELS = [
    (
        "1.1. Локальный акт (приказ) о внедрении системы (целевой модели) наставничества",
        "doc:implementation_order",
    ),
    (
        "1,2 локальный акт (положение) о системе наставничества (включая систему "
        "педагогического наставничества [педагогическое наставничество может быть "
        "оформлено в отдельном положении)",
        "doc:mentoring_regulation",
    ),
    ("Дата приказа о закреплении пар", "doc:teacher_pairs_order.date"),
    ("4) Номер приказа о базах наставников", "doc:participant_bases_order.number"),
    ("Программа наставничества на текущий учебный год", "doc:mentoring_program"),
    ("ИНН:", "organization.inn"),
    ("огрн организации", "organization.ogrn"),
    ("Сокращенное наименование", "organization.short_name"),
    ("СОКРАЩЁННОЕ НАИМЕНОВАНИЕ", "organization.short_name"),
    ("Форма наставничества, в рамках которой реализована практика, целевая аудитория", "row3"),
    ("2) Цель и задачи практики", "row5"),
    (
        "Условия для внедрения практики (в т.ч. социальное партнерство в системе "
        "наставничества ОО)",
        "row6",
    ),
    (
        "Необходимые ресурсы (финансовые, кадровые, материально-технические, методические и др.)",
        "row8",
    ),
    ("Контакты лица, ответственного за взаимодействие", "row12"),
    ("Телефон контактного лица", "passport.contact.phone"),
    ("Наименование образовательного учреждения", "organization.full_name"),
    ("Адрес электронной почты", "passport.contact.email"),
    ("Адрес официального сайта", "organization.website"),
    ("ФИО руководителя", "organization.head.name"),
    ("Дата рождения", None),
    ("Просим рассмотреть заявочные материалы", None),
]


@pytest.mark.parametrize(("label", "target"), LABELS)
def test_labels_by_meaning(label: str, target: str | None) -> None:
    assert classify(label) == target


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14.04.2023", dt.date(2023, 4, 14)),
        ("2023-04-14", dt.date(2023, 4, 14)),
        ("14 апреля 2023 г.", dt.date(2023, 4, 14)),
        ("«14» апреля 2023 года", dt.date(2023, 4, 14)),
        ("1 Сентября 2021", dt.date(2021, 9, 1)),
    ],
)
def test_dates(text: str, day: dt.date) -> None:
    assert values.date_of(text) == day


def test_values_people_write() -> None:
    assert values.digits("4632 0000-02", 10, "ИНН") == "4632000002"
    assert values.url("https://a.example.ru/docs/x.pdf).") == "https://a.example.ru/docs/x.pdf"
    assert values.url("www.a.example.ru") == "https://www.a.example.ru"
    assert values.items(["1) один;", "2) два."]) == ["один", "два"]
    assert values.items(["один; два; три"]) == ["один", "два", "три"]
    assert values.school_year("2023/24") == "2023/2024"
    with pytest.raises(ValueError, match="такого дня"):
        values.date_of("30.02.2024")
    with pytest.raises(ValueError, match="10 цифр"):
        values.digits("4632", 10, "ИНН")


@pytest.fixture(scope="module")
def blank_passport(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    result = invoke(SAMPLE_REGISTRY, "render", "passport-form", "--out", f"{out}/")
    assert result.exit_code == 0, result.output
    return out / "passport-form.docx"


NAMES = (
    st.text(st.characters(codec="utf-8").filter(str.isprintable), min_size=1, max_size=80)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=NAMES, name=NAMES)
def test_any_printable_title_and_name_come_back_unchanged(
    blank_passport: Path, tmp_path: Path, title: str, name: str
) -> None:
    filled = fill(
        blank_passport,
        tmp_path / "p.docx",
        {"passport.practice_name": title, "passport.contact.name": name},
    )
    reading = read(read_entries(filled), Settings())
    assert not reading.refusals
    assert reading.fields[("passport", "practice_name")].value == title
    assert reading.fields[("passport", "contact", "name")].value == name


@pytest.mark.parametrize("doc", ["application-form", "passport-form"])
def test_blank_forms_golden(tmp_path: Path, doc: str) -> None:
    result = invoke(SAMPLE_REGISTRY, "render", doc, "--format", "md", "--out", f"{tmp_path}/")
    assert result.exit_code == 0, result.output
    check_golden(f"render/{doc}.md", (tmp_path / f"{doc}.md").read_text(encoding="utf-8"))
    html = invoke(SAMPLE_REGISTRY, "render", doc, "--format", "html", "--out", "-")
    assert html.exit_code == 0 and 'class="hint"' in html.output


def test_a_blank_form_names_no_site(tmp_path: Path) -> None:
    result = invoke(
        SAMPLE_REGISTRY, "render", "passport-form", "kursk-sosh-5", "-o", f"{tmp_path}/"
    )
    assert result.exit_code == 2
    assert "бланк" in result.output


def test_merged_value_cells_are_read_once(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Риски"
    table.cell(1, 0).text = "Риски (продолжение)"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "первый"
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Уникальность практики: своя"
    document.save(str(tmp_path / "m.docx"))
    reading = read(read_entries(tmp_path / "m.docx"), Settings())
    assert reading.fields[("passport", "risks")].value == ["первый"]
    assert reading.fields[("passport", "uniqueness")].value == "своя"
    assert not reading.refusals
