"""DOCX of the report reminder and the register list: the same words as their Markdown,
the addressee by name, the signatory's position and name, one table row per report or site;
Markdown stays their default format."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.render_support import sample


def _texts(path: Path) -> tuple[list[str], list[list[str]]]:
    document = Document(str(path))
    paragraphs = [p.text.replace("\u00a0", " ") for p in document.paragraphs if p.text.strip()]
    tables = [
        [" | ".join(c.text.replace("\u00a0", " ") for c in row.cells) for row in table.rows]
        for table in document.tables
    ]
    return paragraphs, tables


def test_report_reminder_docx(tmp_path: Path) -> None:
    result = sample(
        tmp_path, "report-reminder", "oboyan-gimn-1", "--on", "2026-09-01", "-f", "docx"
    )
    assert result.exit_code == 0, result.output
    paragraphs, tables = _texts(tmp_path / "report-reminder-oboyan-gimn-1-2026-09-01.docx")
    assert paragraphs[paragraphs.index("1 сентября 2026 г. № ____") + 1 :][:2] == [
        "Директору МОУ «Гимназия № 1 г. Обояни»",
        "О. В. Кондратьевой",
    ]
    assert "Уважаемая Ольга Владимировна!" in paragraphs
    assert any(p.startswith("Просим представить несданные отчёты") for p in paragraphs)
    report_rows, signature = tables
    assert report_rows[1].startswith("1 | ежегодный отчёт за 2-й год срока 1 |")
    assert len(report_rows) == 2
    assert signature == ["Ректор ОГБУ ДПО КИРО | Н. П. Морозова"]
    assert not any("{{" in p or "{%" in p for p in paragraphs)


def test_registry_list_docx(tmp_path: Path) -> None:
    result = sample(tmp_path, "registry-list", "--on", "2026-09-01", "-f", "docx")
    assert result.exit_code == 0, result.output
    paragraphs, (rows,) = _texts(tmp_path / "registry-list-2026-09-01.docx")
    assert paragraphs[:2] == [
        "Реестр региональных опорных площадок наставничества",
        "Курская область. По состоянию на 1 сентября 2026 г.",
    ]
    assert rows[0].split(" | ") == [
        "№",
        "Образовательная организация",
        "Муниципальное образование",
        "Состояние",
        "Срок статуса",
        "Приказ",
    ]
    assert len(rows) == 12  # the header and 11 sites
    assert "МБОУ «СОШ № 1 г. Рыльска» | Рыльский район | снят досрочно" in "\n".join(rows)
    assert paragraphs[-1].startswith("Всего площадок — 11:")


def test_markdown_stays_the_default(tmp_path: Path) -> None:
    result = sample(tmp_path, "registry-list", "--on", "2026-09-01")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["registry-list-2026-09-01.md"]
