"""`ropcli import` after a school's secretary: the blank forms through LibreOffice's .doc
and back, a form whose tables were lost, comments kept with --force, the header and the
scaffold's commented examples of a site made by import, files by their content, the usual
spellings (ИНН repeated, «от … г.», a website without https://, a value in the label's
column), doubled quotes, the hint to `ropcli fill`."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.shared import RGBColor

from ropcli.editing import scaffold
from ropcli.editing.transaction import edit_text
from ropcli.validation.registry import open_registry
from tests.cli_support import _inn, invoke
from tests.import_support import SCHOOL, fill, render

NO_SOFFICE = shutil.which("soffice") is None
NEEDS_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"


def _registry(root: Path) -> Path:
    assert invoke(root, "init", str(root)).exit_code == 0
    return root


def _site(registry: Path, site_id: str = "sosh-7") -> Any:
    return yaml.safe_load((registry / "sites" / f"{site_id}.yaml").read_text(encoding="utf-8"))


def _forms(registry: Path, folder: Path, values: dict[str, str] = SCHOOL) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        fill(render(registry, folder / "blank", form), folder / f"{form}.docx", values)
        for form in ("application-form", "passport-form")
    ]


def _through_doc(files: list[Path], folder: Path) -> list[Path]:
    """Saved as .doc by LibreOffice and back to .docx, as a school's secretary does."""
    doc, back = folder / "doc", folder / "back"
    for target, sources, kind in ((doc, files, "doc"), (back, None, "docx")):
        paths = sources or sorted(doc.glob("*.doc"))
        command = ["soffice", "--headless", "--convert-to", kind, "--outdir", str(target)]
        subprocess.run([*command, *map(str, paths)], check=True, capture_output=True, timeout=180)
    return [back / f"{path.stem}.docx" for path in files]


def _body_end(path: Path) -> str:
    body = Document(str(path)).element.body
    last = [child for child in body.iterchildren() if not child.tag.endswith("}sectPr")][-1]
    return last.tag.rsplit("}", 1)[-1]


def test_blank_forms_end_with_a_paragraph_after_the_last_table(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    for form in ("application-form", "passport-form"):
        assert _body_end(render(registry, tmp_path / "w", form)) == "p", form


@pytest.mark.slow
@pytest.mark.skipif(NO_SOFFICE, reason=NEEDS_SOFFICE)
def test_a_filled_form_through_libreoffice_doc_imports_the_same_values(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    files = _forms(registry, tmp_path / "word")
    back = _through_doc(files, tmp_path / "word")
    assert [len(Document(str(path)).tables) for path in back] == [3, 1]
    direct = invoke(registry, "import", *map(str, files), "--id", "sosh-7")
    assert direct.exit_code == 0, direct.output
    other = _registry(tmp_path / "other")
    again = invoke(other, "import", *map(str, back), "--id", "sosh-7")
    assert again.exit_code == 0, again.output
    assert _site(other) == _site(registry)


def _old_form(path: Path) -> Path:
    """The form as it was made before: nothing after the last table."""
    document = Document(str(path))
    body = document.element.body
    last = [child for child in body.iterchildren() if not child.tag.endswith("}sectPr")][-1]
    if last.tag.endswith("}p"):
        body.remove(last)
    document.save(str(path))
    return path


@pytest.mark.slow
@pytest.mark.skipif(NO_SOFFICE, reason=NEEDS_SOFFICE)
def test_a_form_whose_tables_were_lost_gives_no_wrong_value(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    files = [_old_form(path) for path in _forms(registry, tmp_path / "word")]
    back = _through_doc(files, tmp_path / "word")
    assert len(Document(str(back[1])).tables) == 0  # the passport's only table is lost
    result = invoke(registry, "import", *map(str, back), "--id", "sosh-7")
    assert result.exit_code == 1, result.output
    assert "таблица бланка потеряна" in result.output
    data = _site(registry)
    assert data["passport"]["technology"] == [{"stage": None, "activities": [], "methods": []}]
    text = (registry / "sites" / "sosh-7.yaml").read_text(encoding="utf-8")
    assert "Название этапа" not in text and "пособия, инструментарий" not in text
    assert data["organization"]["inn"] == SCHOOL["organization.inn"].replace(" ", "")


def _run(paragraph: Any, text: str, hint: bool = False) -> None:
    run = paragraph.add_run(text)
    if hint:
        run.italic = True
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def test_glued_form_text_outside_tables_is_not_filed(tmp_path: Path) -> None:
    """What LibreOffice leaves of the passport's rows 8 and 9: hint and value in one
    paragraph, the next label glued on."""
    registry = _registry(tmp_path / "reg")
    document = Document()
    first = document.add_paragraph()
    _run(first, "программы, пособия, инструментарий", hint=True)
    _run(first, "программа «Шаг навстречу»9Технология реализации практики: этапы, основные")
    second = document.add_paragraph()
    _run(second, "каждый этап с новой строки: «Название этапа. Основные мероприятия: …»", True)
    _run(second, "Подготовительный")
    third = document.add_paragraph("Условия для внедрения практики: Методический кабинет")
    document.add_paragraph("Методические ресурсы: пособия")
    document.save(str(tmp_path / "p.docx"))
    result = invoke(registry, "import", str(tmp_path / "p.docx"), "--id", "sosh-7")
    assert result.exit_code == 1, result.output
    assert "таблица бланка потеряна" in result.output
    passport = _site(registry)["passport"]
    assert passport["technology"][0]["stage"] is None
    assert passport["conditions"] == "Методический кабинет"  # a clean «label: value» is read
    assert passport["resources"]["methodological"] == "пособия"
    assert third.text.startswith("Условия")


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_force_keeps_every_comment_line(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    files = _forms(registry, tmp_path / "a")
    first = invoke(registry, "import", *map(str, files), "--id", "sosh-7")
    assert first.exit_code == 0, first.output
    site = registry / "sites" / "sosh-7.yaml"
    before = site.read_text(encoding="utf-8")
    assert "# 3. Целевая аудитория: кого наставляют." in before
    changed = dict(SCHOOL, **{"passport.forms": "ученик – ученик", "passport.goal": "Другая цель."})
    passport = _forms(registry, tmp_path / "b", changed)[1]
    forced = invoke(registry, "import", str(passport), "--id", "sosh-7", "--force")
    assert forced.exit_code == 0, forced.output
    after = site.read_text(encoding="utf-8")
    assert _site(registry)["passport"]["forms"] == ["ученик – ученик"]
    assert _site(registry)["passport"]["goal"] == "Другая цель."
    assert _comments(after) == _comments(before)


def test_a_site_made_by_import_says_so_and_has_no_duplicate_examples(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    files = _forms(registry, tmp_path / "w")
    result = invoke(registry, "import", *map(str, files), "--id", "sosh-7")
    assert result.exit_code == 0, result.output
    text = (registry / "sites" / "sosh-7.yaml").read_text(encoding="utf-8")
    assert "«ropcli import» из application-form.docx, passport-form.docx" in text
    assert "ropcli new" not in text
    assert "# address:" not in text and "# social_partners:" not in text
    assert "#   - ОГБУ ДПО" not in text and "уберите «#»" not in text
    assert "# 10. Результаты и эффекты" in text  # the comment after the scaffold's technology
    half = invoke(registry, "import", str(files[1]), "--id", "sosh-8")
    assert half.exit_code == 0, half.output
    assert "Остальное дополните: ropcli fill sosh-8" in half.output  # what to do next


def test_the_shared_writer_drops_an_example_once_its_key_is_written(tmp_path: Path) -> None:
    """`ropcli fill` and every other writer go through `edit_text`: the same rule."""
    content = scaffold.render(open_registry(_registry(tmp_path / "reg")), "sosh-7", {})
    assert "# address:" in content and "# social_partners:" in content

    def answer(data: Any) -> None:
        data["organization"].insert(4, "address", "305000, г. Курск")

    edited, _ = edit_text(content, answer)
    assert "# address:" not in edited and "# social_partners:" in edited
    assert yaml.safe_load(edited)["organization"]["address"] == "305000, г. Курск"


def test_invalid_values_are_not_listed_again_as_missing(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    values = dict(SCHOOL, **{"organization.inn": "4632 0000 0"})
    result = invoke(registry, "import", str(_forms(registry, tmp_path, values)[0]), "--id", "x-1")
    assert result.exit_code == 1
    invalid, missing = result.output.split("Не заполнено (нет в файлах Word)")
    assert "нужно 10 цифр" in invalid
    assert "  ИНН\n" not in missing


def test_files_by_their_content(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    docx = _forms(registry, tmp_path / "w")[0]
    renamed = docx.rename(tmp_path / "заявка.doc")
    read = invoke(registry, "import", str(renamed), "--id", "sosh-7")
    assert read.exit_code == 1, read.output  # read: only the passport's fields are left
    assert "Создан sites/sosh-7.yaml" in read.output
    assert _site(registry)["organization"]["short_name"] == "МБОУ «СОШ № 7»"
    ole = tmp_path / "старая.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    old = invoke(registry, "import", str(ole), "--id", "sosh-8")
    assert old.exit_code == 3 and "старого формата Word (.doc)" in old.output
    pdf = tmp_path / "заявка.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    refused = invoke(registry, "import", str(pdf), "--id", "sosh-8")
    assert refused.exit_code == 3
    assert "это PDF" in refused.output and "попросите школу" in refused.output
    assert "сохраните" not in refused.output


def test_what_secretaries_write(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    values = dict(SCHOOL)
    values["organization.inn"] = f"ИНН {_inn(77)}"
    values["doc:implementation_order.date"] = "от 01.09.2021 г."
    values["doc:implementation_order.number"] = "№ 5"
    values["organization.website"] = "www.sosh7.example.ru"
    values["application.mentoring_page"] = "sosh7.example.ru/nastavnichestvo"
    del values["organization.address"]
    form = fill(render(registry, tmp_path / "b", "application-form"), tmp_path / "a.docx", values)
    document = Document(str(form))
    (address_row,) = [r for r in document.tables[0].rows if "Почтовый адрес" in r.cells[1].text]
    address_row.cells[1].add_paragraph("305000, г. Курск, ул. Примерная, д. 1")  # № | label | —
    document.save(str(form))
    result = invoke(registry, "import", str(form), "--id", "sosh-7")
    assert result.exit_code == 1, result.output
    data = _site(registry)
    assert data["organization"]["inn"] == _inn(77)
    order = data["application"]["documents"]["implementation_order"]
    assert order["date"] == dt.date(2021, 9, 1) and order["number"] == "5"
    assert data["organization"]["website"] == "https://www.sosh7.example.ru"
    assert data["application"]["mentoring_page"] == "https://sosh7.example.ru/nastavnichestvo"
    assert result.output.count("в Word без https:// — дописано") == 2
    assert "«305000, г. Курск, ул. Примерная, д. 1» — вписано в столбец с названием" in (
        result.output
    )
    assert "address" not in data["organization"]


def test_conflicts_do_not_double_the_quotes(tmp_path: Path) -> None:
    registry = _registry(tmp_path / "reg")
    files = _forms(registry, tmp_path / "a")
    assert invoke(registry, "import", *map(str, files), "--id", "sosh-7").exit_code == 0
    changed = dict(SCHOOL, **{"passport.practice_name": "«Шаг навстречу — 2»"})
    passport = _forms(registry, tmp_path / "b", changed)[1]
    result = invoke(registry, "import", str(passport), "--id", "sosh-7")
    assert result.exit_code == 1
    assert "в файле «Шаг навстречу», в Word «Шаг навстречу — 2»" in result.output
    assert "««" not in result.output and "»»" not in result.output
