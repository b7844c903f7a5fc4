"""The building blocks of the built-in Word templates: page, fonts, paragraphs, tables.

Page setup follows ГОСТ Р 7.0.97 (the Russian standard for official documents): A4;
margins left 30 mm, right 15 mm, top and bottom 20 mm; Times New Roman 14 pt, single
spacing, first-line indent 1.25 cm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
HEADER_PT = 11  # table headers: long words («Муниципальное») must fit narrow columns
NBSP = "\u00a0"
TEXT_WIDTH_MM = 210 - 30 - 15
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _fonts(element: Any) -> None:
    """Times New Roman for every script: Cyrillic text is laid out with the `hAnsi`/`cs`
    fonts, and Word falls back to the theme font where one is missing."""
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _russian(document: Any, normal: Any) -> None:
    """Russian as the text's language (spelling, and hyphenation: without it narrow table
    columns split words anywhere) and automatic hyphenation on. In settings.xml the
    element must follow `w:defaultTabStop` (Word rejects elements out of schema order)."""
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), "ru-RU")
    normal.element.get_or_add_rPr().append(lang)
    settings = document.settings.element
    hyphenation = OxmlElement("w:autoHyphenation")
    hyphenation.set(qn("w:val"), "true")
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)
    else:
        settings.insert(0, hyphenation)


def new_document(title: str) -> Any:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element)
    _russian(document, normal)
    layout = normal.paragraph_format
    layout.first_line_indent = Cm(1.25)
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing = 1.0
    layout.alignment = JUSTIFY
    layout.widow_control = True
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "ropcli", "ropcli"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    # docxtpl renders the core properties through Jinja too: no braces here.
    properties.comments = "Шаблон ropcli (docxtpl): заполняется командой ropcli render"
    return document


def para(
    document: Any,
    text: str = "",
    *,
    align: Any = JUSTIFY,
    indent: bool = True,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    left_mm: float | None = None,
    page_break: bool = False,
    keep_next: bool = False,
    spaced: bool = False,
) -> Any:
    """A paragraph of body text; headings and blocks switch the indent off; `spaced` sets
    it apart from its neighbours (6 pt above and below: «ПРИКАЗЫВАЮ:»)."""
    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.alignment = align
    if not indent:
        layout.first_line_indent = Cm(0)
    if left_mm is not None:
        layout.left_indent = Mm(left_mm)
    layout.page_break_before = page_break
    layout.keep_with_next = keep_next
    if spaced:
        layout.space_before = layout.space_after = Pt(6)
    if text:
        run = paragraph.add_run(typeset(text))
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def end_after_table(document: Any) -> None:
    """A paragraph after a table that ends the body: a document whose body ends with a
    table loses its tables when LibreOffice saves it as .doc and opens it again."""
    body = [child for child in document.element.body if child.tag != qn("w:sectPr")]
    if body and body[-1].tag == qn("w:tbl"):
        para(document, indent=False)


def tabbed(document: Any, left: str, right: str) -> Any:
    """«от … № …»: the date at the left margin, the number at the right one."""
    paragraph = para(document, indent=False, align=LEFT)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(typeset(left))
    paragraph.add_run().add_tab()
    paragraph.add_run(typeset(right))
    return paragraph


def _cell_text(cell: Any, text: str, *, bold: bool = False, align: Any = LEFT) -> None:
    """Table text, 12 pt, no first-line indent; `cell` may also be a paragraph."""
    paragraph = cell.paragraphs[0] if hasattr(cell, "paragraphs") else cell
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.alignment = align
    run = paragraph.add_run(text if bold else typeset(text))  # «№ п/п» may break
    run.font.size = Pt(HEADER_PT if bold else TABLE_PT)
    run.bold = bold or None


def typeset(text: str) -> str:
    """«№ 141» never breaks between the sign and the number."""
    return text.replace("№ ", f"№{NBSP}")


def _repeat_header(row: Any) -> None:
    """The header row repeats on every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def set_widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Column widths in both places: Word reads the cells', LibreOffice the grid's."""
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def loop_table(
    document: Any,
    headers: Sequence[str],
    cells: Sequence[str],
    widths_mm: Sequence[float],
    loop: str,
    item: str = "row",
) -> Any:
    """A bordered table: a header row, then one row per item of `loop` (docxtpl `{%tr %}`).

    The `{%tr for %}` and `{%tr endfor %}` rows vanish when rendered, leaving the
    header and one data row per item.
    """
    table = document.add_table(rows=4, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, header in enumerate(headers):
        _cell_text(table.rows[0].cells[index], header, bold=True, align=CENTER)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], f"{{%tr for {item} in {loop} %}}")
    for index, text in enumerate(cells):
        _cell_text(table.rows[2].cells[index], text, align=CENTER if index == 0 else LEFT)
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    set_widths(table, widths_mm)
    return table


def grid_table(document: Any, rows: Sequence[tuple[str, str, Sequence[str]]]) -> Any:
    """A form table: № | row name | content, the content one paragraph per item (so a
    `{%p for %}` paragraph pair can repeat one)."""
    table = document.add_table(rows=len(rows) + 1, cols=3)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, ("№", "Наименование", "Содержание"), strict=True):
        _cell_text(cell, text, bold=True, align=CENTER)
    _repeat_header(table.rows[0])
    for row, (number, name, content) in zip(table.rows[1:], rows, strict=True):
        _cell_text(row.cells[0], number, align=CENTER)
        _cell_text(row.cells[1], name)
        first, *rest = content
        _cell_text(row.cells[2], first)
        for text in rest:
            _cell_text(row.cells[2].add_paragraph(), text)
    set_widths(table, (10, 55, TEXT_WIDTH_MM - 65))
    return table


def signature(document: Any, position: str, name: str, left_mm: float = 105) -> Any:
    """Position at the left, initials and surname at the right (no borders)."""
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    set_widths(table, (left_mm, TEXT_WIDTH_MM - left_mm))
    _cell_text(left, position)
    _cell_text(right, name, align=RIGHT)
    for cell in (left, right):
        cell.paragraphs[0].runs[0].font.size = Pt(BODY_PT)
    right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    return table
