"""`ropcli import`: Word files into the register (docs/import.md) — the register's own
documents round-trip for every sample site, the blank forms filled as a school fills them,
a hand-made Word file, conflicts and --force, invalid values, broken files."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed
from tests.import_support import SCHOOL, fill, merge_row, render

SAMPLES = sorted(p.stem for p in (SAMPLE_REGISTRY / "sites").glob("*.yaml"))


def _empty_registry(root: Path) -> Path:
    assert invoke(root, "init", str(root)).exit_code == 0
    return root


def _site(registry: Path, site_id: str) -> Any:
    return yaml.safe_load((registry / "sites" / f"{site_id}.yaml").read_text(encoding="utf-8"))


def _carried(data: Any) -> dict[str, Any]:
    """Every field the application and the passport print in full."""
    application = data["application"]
    return {
        "outgoing_number": application["outgoing_number"],
        "date": application["date"],
        "mentoring_page": application["mentoring_page"],
        "documents": application["documents"],
        "position": application["signed_by"]["position"],
        "full_name": data["organization"]["full_name"],
        "passport": data["passport"],
    }


@pytest.mark.parametrize("site_id", SAMPLES)
def test_round_trip_of_the_registers_own_documents(tmp_path: Path, site_id: str) -> None:
    out = tmp_path / "word"
    application = render(SAMPLE_REGISTRY, out, "application", site_id)
    passport = render(SAMPLE_REGISTRY, out, "passport", site_id)
    registry = _empty_registry(tmp_path / "reg")
    result = invoke(registry, "import", str(application), str(passport), "--id", site_id)
    # The register's own documents do not carry ИНН, ОГРН, the head…: a dated application
    # with those empty is a site with errors, and the exit code says so.
    assert result.exit_code == 1, result.output
    assert "пока они не заполнены, это ошибки" in result.output
    assert f"ropcli fill {site_id}" in result.output
    assert "Не записано" not in result.output
    expected = _carried(_site(SAMPLE_REGISTRY, site_id))
    assert _carried(_site(registry, site_id)) == expected


def test_blank_forms_filled_by_a_school(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    forms = tmp_path / "forms"
    application = fill(render(registry, forms, "application-form"), tmp_path / "a.docx", SCHOOL)
    passport = fill(render(registry, forms, "passport-form"), tmp_path / "p.docx", SCHOOL)
    result = invoke(registry, "import", str(application), str(passport), "--id", "sosh-7")
    assert result.exit_code == 0, result.output
    data = _site(registry, "sosh-7")
    organization, app = data["organization"], data["application"]
    assert organization["inn"] == SCHOOL["organization.inn"].replace(" ", "")
    assert organization["municipality"] == "kursky"
    assert organization["type"] == "school"
    assert organization["website"] == "https://sosh7.example.ru"
    assert app["outgoing_number"] == "01-12/345"
    assert app["date"] == dt.date(2024, 4, 14)
    documents = app["documents"]
    assert documents["implementation_order"]["url"].endswith("prikaz-112.pdf")
    assert documents["mentoring_regulation"]["teachers_included"] is False
    assert documents["teachers_regulation"]["date"] == dt.date(2021, 9, 2)
    assert documents["participant_bases_order"]["school_year"] == "2023/2024"
    passport_data = data["passport"]
    assert passport_data["forms"] == ["учитель – учитель", "педагог – педагог"]
    assert passport_data["model_tasks"] == ["поддержка молодых педагогов", "рост мастерства"]
    assert passport_data["tasks"] == ["сформировать пары", "провести стажировки"]
    assert passport_data["resources"] == {
        "staffing": "12 наставников",
        "methodological": "программа «Шаг навстречу»",
    }
    assert passport_data["technology"] == [
        {
            "stage": "Подготовительный",
            "activities": ["диагностика", "подбор пар"],
            "methods": ["анкетирование"],
        },
        {
            "stage": "Основной",
            "activities": ["встречи пар"],
            "methods": ["кейс-метод", "наблюдение"],
        },
    ]
    assert passport_data["contact"]["email"] == "sosh7@example.ru"
    checked = invoke(registry, "validate")
    assert checked.exit_code == 0, checked.output  # every field of the site: nothing missing


def test_blank_forms_have_every_label_and_a_grey_hint(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    passport = Document(str(render(registry, tmp_path, "passport-form")))
    (table,) = passport.tables
    numbers = [row.cells[0].text for row in table.rows[1:]]
    assert list(dict.fromkeys(numbers)) == [str(n) for n in range(1, 13)]  # merged: repeated
    hint = table.rows[1].cells[1].paragraphs[1].runs[0]
    assert hint.italic and hint.font.color.rgb is not None
    application = Document(str(render(registry, tmp_path, "application-form")))
    text = "\n".join(c.text for t in application.tables for r in t.rows for c in r.cells)
    for words in ("Исх. №", "ИНН", "о базах наставников", "ДД.ММ.ГГГГ", "10 цифр"):
        assert words in text


def _hand_made(path: Path) -> Path:
    """Other words, numbering and case; merged cells; dates in words; spaces in ИНН."""
    document = Document()
    document.add_paragraph("Исх. N 7/12")
    table = document.add_table(rows=7, cols=3)
    rows = [
        ("1)", "ПОЛНОЕ НАИМЕНОВАНИЕ ОРГАНИЗАЦИИ (по уставу)", "МБОУ «Лицей № 1»"),
        ("2)", "ИНН организации:", "4632 0000 02"),
        ("3)", "дата подачи заявки", "«5» марта 2024 г."),
        ("4)", "Сокращенное наименование", "Лицей № 1"),
        ("5)", "Целевая аудитория практики", "молодые педагоги"),
        ("6)", "Риски", "перегрузка; выгорание"),
        ("7)", "Цель и задачи практики", "Цель: помочь.\nЗадачи:\n– первое\n– второе"),
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            lines = text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    merge_row(table, 0, 1, 2).text = "Полное наименование организации"  # no value: label only
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).text = "ОГРН"
    merged.cell(1, 0).text = "ОГРН (повтор)"
    merged.cell(0, 1).merge(merged.cell(1, 1)).text = "1024600000006"
    document.save(str(path))
    return path


def test_hand_made_word_file(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    source = _hand_made(tmp_path / "заявка.docx")
    result = invoke(registry, "import", str(source), "--id", "licey-1")
    assert result.exit_code == 1, result.output  # dated, with fields left: errors until filled
    assert "ropcli fill licey-1" in result.output
    data = _site(registry, "licey-1")
    assert data["organization"]["inn"] == "4632000002"
    assert data["organization"]["ogrn"] == "1024600000006"  # once, not twice
    assert data["organization"]["short_name"] == "Лицей № 1"
    assert data["application"]["date"] == dt.date(2024, 3, 5)
    assert data["application"]["outgoing_number"] == "7/12"
    assert data["passport"]["risks"] == ["перегрузка", "выгорание"]
    assert data["passport"]["goal"] == "помочь."
    assert data["passport"]["tasks"] == ["первое", "второе"]


def _copy_sample(tmp_path: Path) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(SAMPLE_REGISTRY, root)
    return root


def test_conflicts_refuse_and_force_replaces(tmp_path: Path) -> None:
    registry = _copy_sample(tmp_path)
    site = registry / "sites" / "kursk-sosh-12.yaml"
    before = site.read_bytes()
    word = render(registry, tmp_path / "w", "passport", "kursk-sosh-12")
    document = Document(str(word))
    document.tables[0].rows[1].cells[2].paragraphs[0].text = "«Другая практика»"
    document.save(str(word))
    refused = invoke(registry, "import", str(word), "--id", "kursk-sosh-12")
    assert refused.exit_code == 1
    assert "уже заполнены иначе" in refused.output and "«Другая практика»" in refused.output
    assert site.read_bytes() == before
    forced = invoke(registry, "import", str(word), "--id", "kursk-sosh-12", "--force")
    assert forced.exit_code == 0, forced.output
    assert _site(registry, "kursk-sosh-12")["passport"]["practice_name"] == "«Другая практика»"
    after = site.read_text(encoding="utf-8")
    assert "# Образец: срок статуса начинается 29 февраля 2024 г." in after  # comments kept


def test_same_values_change_nothing(tmp_path: Path) -> None:
    registry = _copy_sample(tmp_path)
    site = registry / "sites" / "kursk-sosh-5.yaml"
    before = site.read_bytes()
    word = render(registry, tmp_path / "w", "passport", "kursk-sosh-5")
    result = invoke(registry, "import", str(word), "--id", "kursk-sosh-5")
    assert result.exit_code == 0, result.output
    assert "Уже были с теми же значениями" in result.output
    assert site.read_bytes() == before


def test_invalid_values_are_listed_and_the_valid_ones_written(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    values = dict(SCHOOL)
    values["organization.inn"] = "12345"
    values["application.date"] = "31.02.2024"
    values["organization.ogrn"] = "1024600000007"  # check digit wrong: the rule says so
    form = render(registry, tmp_path / "f", "application-form")
    filled = fill(form, tmp_path / "a.docx", values)
    result = invoke(registry, "import", str(filled), "--id", "sosh-7")
    assert result.exit_code == 1
    assert "a.docx, таблица 1, строка 7" in result.output  # the ИНН's row
    assert "нужно 10 цифр" in result.output and "такого дня в календаре нет" in result.output
    assert "ОГРН" in result.output
    data = _site(registry, "sosh-7")
    assert data["organization"]["inn"] is None and data["organization"]["ogrn"] is None
    assert data["organization"]["short_name"] == "МБОУ «СОШ № 7»"


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    form = fill(render(registry, tmp_path, "passport-form"), tmp_path / "p.docx", SCHOOL)
    result = invoke(registry, "import", str(form), "--id", "sosh-7", "--dry-run")
    assert result.exit_code == 0, result.output
    assert not (registry / "sites" / "sosh-7.yaml").exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("заявка.doc", b"\xd0\xcf\x11\xe0 old word", "старого формата Word (.doc)"),
        ("заявка.docx", b"not a zip at all", "не документ Word (.docx)"),
        ("пусто.docx", None, "не документ Word (.docx)"),
        ("нет.docx", "missing", "нет такого файла"),
    ],
)
def test_files_that_are_not_word_documents(
    tmp_path: Path, name: str, content: bytes | str | None, words: str
) -> None:
    registry = _empty_registry(tmp_path / "reg")
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "no document here")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = invoke(registry, "import", str(path), "--id", "sosh-7")
    assert result.exit_code == 3
    assert words in result.output and "Traceback" not in result.output
    assert not (registry / "sites" / "sosh-7.yaml").exists()


def test_a_word_file_without_the_forms_labels(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    document = Document()
    document.add_paragraph("Просто письмо без таблиц")
    document.save(str(tmp_path / "letter.docx"))
    result = invoke(registry, "import", str(tmp_path / "letter.docx"), "--id", "sosh-7")
    assert result.exit_code == 1
    assert "не найдено ни одной графы" in result.output


def test_installed_ropcli_import(tmp_path: Path) -> None:
    registry = _empty_registry(tmp_path / "reg")
    word = render(SAMPLE_REGISTRY, tmp_path / "w", "passport", "zhel-cdt")
    done = run_installed("--registry", str(registry), "import", str(word), "--id", "zhel-cdt")
    assert done.returncode == 0, done.stderr.decode()
    assert "Заполнено полей" in done.stdout.decode()
    assert (registry / "sites" / "zhel-cdt.yaml").is_file()


def test_completes_a_site_made_by_new(tmp_path: Path) -> None:
    """The coordinator ran `ropcli new`; the school's Word files fill in the rest, the
    scaffold's comments and what `new` wrote stay."""
    registry = _empty_registry(tmp_path / "reg")
    made = invoke(registry, "new", "sosh-7", "--name", "МБОУ «СОШ № 7»", "--type", "школа")
    assert made.exit_code == 0, made.output
    forms = tmp_path / "forms"
    application = fill(render(registry, forms, "application-form"), tmp_path / "a.docx", SCHOOL)
    passport = fill(render(registry, forms, "passport-form"), tmp_path / "p.docx", SCHOOL)
    refused = invoke(registry, "import", str(application), str(passport), "--id", "sosh-7")
    assert refused.exit_code == 1  # the full name differs from what `new` was given
    assert "полное наименование организации" in refused.output
    result = invoke(
        registry, "import", str(application), str(passport), "--id", "sosh-7", "--force"
    )
    assert result.exit_code == 0, result.output
    text = (registry / "sites" / "sosh-7.yaml").read_text(encoding="utf-8")
    assert "# Полное наименование по уставу." in text
    data = _site(registry, "sosh-7")
    assert data["organization"]["full_name"] == SCHOOL["organization.full_name"]
    assert data["application"]["documents"]["mentoring_regulation"]["teachers_included"] is False
    assert invoke(registry, "validate").exit_code == 0
