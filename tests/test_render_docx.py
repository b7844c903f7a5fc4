"""Word documents read back with python-docx: page, fonts, text, table rows; special
characters; the committed templates match their source; LibreOffice opens what we write;
the installed `ropcli render` works in a fresh process."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Pt
from tools.docx_templates.build import build_all

from tests.cli_support import SAMPLE_REGISTRY, run_installed
from tests.render_support import SPECIAL, render, sample, special_registry

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
GOLDEN = Path(__file__).resolve().parent / "golden" / "render"


def _open(path: Path) -> Any:
    return Document(str(path))


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_order_assign_page_fonts_and_layout(tmp_path: Path) -> None:
    result = sample(tmp_path, "order-assign", "--on", "2026-11-25", "--order-date", "2026-12-01")
    assert result.exit_code == 0, result.output
    document = _open(tmp_path / "order-assign-2026-12-01.docx")
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin)
    margins = (section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(length.mm) for length in (*sizes, *margins)] == [210, 297, 30, 15, 20, 20]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert round(normal.paragraph_format.first_line_indent.cm, 2) == 1.25
    texts = [_plain(t) for t in _texts(document)]
    assert texts[:5] == [
        "Проект",
        "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ КУРСКОЙ ОБЛАСТИ",
        "ПРИКАЗ",
        "от 1 декабря 2026 г.\t№ ____",
        "г. Курск",
    ]
    assert "ПРИКАЗЫВАЮ:" in texts
    assert "5. Контроль за исполнением настоящего приказа оставляю за собой." in texts
    assert not any("{{" in t or "{%" in t for t in texts)  # every tag was filled
    appendix = next(p for p in document.paragraphs if p.text == "Приложение")
    assert appendix.paragraph_format.page_break_before
    signature, table = document.tables
    assert [c.text for c in signature.rows[0].cells] == [
        "Министр образования и науки Курской области",
        "А. В. Светлова",
    ]
    header, *rows = table.rows
    assert header.cells[0].text == "№ п/п"
    assert (
        header._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )
    assert [r.cells[0].text for r in rows] == ["1", "2"]
    assert rows[1].cells[2].text == "Медвенский район"
    assert _plain(rows[1].cells[4].text) == "с 1 декабря 2026 г. по 30 ноября 2029 г."
    assert table.rows[1].cells[1].paragraphs[0].runs[0].font.size == Pt(12)


def test_docx_words_match_the_markdown(tmp_path: Path) -> None:
    """The words of an order come from one wording template in every format."""
    sample(tmp_path, "order-revoke", "rylsk-sosh-1", "--on", "2026-09-01")
    document = _open(tmp_path / "order-revoke-2026-03-16.docx")  # named after the order
    markdown = (GOLDEN / "order-revoke-2026-03-16.md").read_text(encoding="utf-8")
    body = [_plain(t) for t in _texts(document)][5:]
    assert body and all(text.strip("*") in markdown for text in body if "\t" not in text)


def test_passport_has_the_twelve_rows(tmp_path: Path) -> None:
    assert sample(tmp_path, "passport", "kursk-sosh-5").exit_code == 0
    (table,) = _open(tmp_path / "passport-kursk-sosh-5.docx").tables
    header, *rows = table.rows
    assert [c.text for c in header.cells] == ["№", "Наименование", "Содержание"]
    assert [r.cells[0].text for r in rows] == [str(n) for n in range(1, 13)]
    assert rows[0].cells[2].text == "«Школа молодого педагога „Первые шаги“»"
    tasks = [p.text for p in rows[3].cells[2].paragraphs]
    assert len(tasks) == 3 and tasks[0].startswith("– создание условий")
    stages = rows[8].cells[2].paragraphs
    assert len(stages) == 5 and stages[0].text.startswith("1. Подготовительный.")


def test_application_teachers_regulation(tmp_path: Path) -> None:
    assert sample(tmp_path, "application", "kursk-sosh-12").exit_code == 0
    texts = [_plain(t) for t in _texts(_open(tmp_path / "application-kursk-sosh-12.docx"))]
    item = next(t for t in texts if t.startswith("1.2."))
    assert "отдельным положением от 29 августа 2022 г. № 118" in item
    assert "Исх. № 12-04/611" in texts


def test_special_characters_survive_in_docx(tmp_path: Path) -> None:
    registry = special_registry(tmp_path / "registry")
    for args in (["passport", "special"], ["application", "special"]):
        result = render(registry, tmp_path / "out", *args)
        assert result.exit_code == 0, result.output
    passport = _open(tmp_path / "out" / "passport-special.docx")
    assert SPECIAL in passport.tables[0].rows[2].cells[2].text
    application = _open(tmp_path / "out" / "application-special.docx")
    assert any(SPECIAL in p.text for p in application.paragraphs)
    revoke = render(
        registry,
        tmp_path / "out",
        *("order-revoke", "special", "--on", "2025-01-10", "--reason", "law_violation"),
        *("--agreed-commission", "2025-01-05", "--agreed-center", "2025-01-08"),
    )
    assert revoke.exit_code == 0, revoke.output
    table = _open(tmp_path / "out" / "order-revoke-2025-01-10.docx").tables[1]
    assert SPECIAL in table.rows[1].cells[1].text


def test_committed_templates_match_their_source(tmp_path: Path) -> None:
    """templates/*.docx are built by `python -m tools.docx_templates.build`; run it after
    changing ropcli.documents.docx_* and commit the result."""
    built = build_all(tmp_path)
    assert {p.name for p in built} == {p.name for p in TEMPLATES.glob("*.docx")}
    for path in built:
        with zipfile.ZipFile(path) as fresh, zipfile.ZipFile(TEMPLATES / path.name) as kept:
            for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
                assert fresh.read(part) == kept.read(part), f"{path.name}: {part} is stale"


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_libreoffice_converts_the_order_to_pdf(tmp_path: Path) -> None:
    assert sample(tmp_path, "order-assign", "--on", "2026-09-01").exit_code == 0
    source = tmp_path / "order-assign-2026-09-01.docx"
    profile = tmp_path / "lo-profile"  # a private profile: runs never share a lock
    completed = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "pdf" / "order-assign-2026-09-01.pdf"
    assert completed.returncode == 0 and pdf.is_file(), completed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8")
        assert "ПРИКАЗ" in text and "Медвенская" in text
        assert text.count("\f") >= 2  # the appendix is on a page of its own


def test_installed_ropcli_render(tmp_path: Path) -> None:
    completed = run_installed(
        *("--registry", str(SAMPLE_REGISTRY), "render", "passport", "kursk-sosh-5"),
        *("-f", "md", "-o", f"{tmp_path}/"),
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8")
    written = (tmp_path / "passport-kursk-sosh-5.md").read_text(encoding="utf-8")
    assert written == (GOLDEN / "passport-kursk-sosh-5.md").read_text(encoding="utf-8")
    listing = run_installed("--registry", str(SAMPLE_REGISTRY), "render", "--list")
    assert listing.returncode == 0 and b"order-assign.docx" in listing.stdout
