"""The built-in Word templates of the blank forms for schools (`application-form`,
`passport-form`): the rows and hints of `ropcli.documents.blank_forms`, a label in each
row and, under it, its hint in small grey italics; the right-hand column left empty for
the school. A row of several lines (a document's number, date and link; the passport's
rows 3, 5, 6, 8, 12) keeps its number — and the document's name — in one merged cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.shared import Mm, Pt, RGBColor

from ropcli.documents.blank_forms import MATERIALS, ORGANIZATION, PASSPORT, SIGNATURE, Row

from .forms import addressee
from .primitives import (
    CENTER,
    LEFT,
    TEXT_WIDTH_MM,
    _cell_text,
    _repeat_header,
    new_document,
    para,
    set_widths,
)

GREY = RGBColor(0x59, 0x59, 0x59)
HINT_PT = 10
NOTE = (
    "Заполните правый столбец таблиц и верните файл в формате .docx. Подсказки "
    "серым курсивом можно не удалять."
)


def _hint(cell: Any, text: str) -> None:
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph.paragraph_format.alignment = LEFT
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(HINT_PT)
    run.font.color.rgb = GREY


def _table(
    document: Any, headers: Sequence[str], rows: Sequence[Row], widths: Sequence[float]
) -> Any:
    """№ | label (+ hint) | value; with four columns the document's name has a column of
    its own, merged over its lines."""
    count = sum(len(row.lines) for row in rows)
    table = document.add_table(rows=count + 1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, bold=True, align=CENTER)
    _repeat_header(table.rows[0])
    index = 1
    wide = len(headers) == 4
    for row in rows:
        first, last = table.rows[index], table.rows[index + len(row.lines) - 1]
        _cell_text(first.cells[0], row.number, align=CENTER)
        for number, line in enumerate(row.lines):
            cells = table.rows[index + number].cells
            label = cells[2] if wide else cells[1]
            _cell_text(label, line.label)
            _hint(label, line.hint)
        if wide and row.title:
            _cell_text(first.cells[1], row.title)
            first.cells[1].merge(last.cells[1])
        elif wide:
            for number in range(len(row.lines)):
                cells = table.rows[index + number].cells
                cells[1].merge(cells[2])
        if len(row.lines) > 1:
            first.cells[0].merge(last.cells[0])
        index += len(row.lines)
    set_widths(table, widths)
    return table


def _heading(document: Any, text: str) -> None:
    para(document, indent=False)
    para(document, text, indent=False, align=LEFT, bold=True, keep_next=True)


def _note(document: Any, text: str) -> None:
    paragraph = para(document, indent=False, align=LEFT)
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(HINT_PT + 1)
    run.font.color.rgb = GREY


def _end(document: Any) -> None:
    """A paragraph after the last table: a body that ends with a table loses its tables
    when LibreOffice saves it as .doc and back (the cells become glued paragraphs)."""
    para(document, indent=False)


COLUMNS = ("№", "Графа", "Заполняет организация")
NARROW = (12, 85, TEXT_WIDTH_MM - 97)


def application_form() -> Any:
    document = new_document("Бланк заявки на присвоение статуса")
    addressee(document)
    para(document, "ЗАЯВКА", align=CENTER, indent=False, bold=True)
    para(
        document,
        "на присвоение статуса региональной опорной площадки наставничества (бланк для заполнения)",
        align=CENTER,
        indent=False,
    )
    para(document, indent=False)
    _note(document, NOTE)
    _heading(document, "Сведения об организации")
    _table(document, COLUMNS, ORGANIZATION, NARROW)
    _heading(document, "Перечень представляемых материалов")
    _table(
        document,
        ("№", "Документ", "Графа", "Заполняет организация"),
        MATERIALS,
        (12, 55, 45, TEXT_WIDTH_MM - 112),
    )
    _heading(document, "Подпись")
    _table(document, COLUMNS, SIGNATURE, NARROW)
    _end(document)
    return document


def passport_form() -> Any:
    document = new_document("Бланк паспорта практики наставничества")
    para(document, "Паспорт практики наставничества", align=CENTER, indent=False, bold=True)
    para(document, indent=False)
    _note(
        document,
        "Бланк для заполнения. Впишите сведения в правый столбец и верните файл в формате "
        ".docx. Подсказки серым курсивом можно не удалять.",
    )
    para(document, indent=False)
    _table(document, ("№", "Наименование", "Содержание"), PASSPORT, (12, 68, TEXT_WIDTH_MM - 80))
    _end(document)
    return document
