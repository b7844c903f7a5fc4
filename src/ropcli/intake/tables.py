"""A Word table as rows of distinct cells, read from its XML with limits: spans and
merges as the file says them, but a span past `MAX_SPAN` or one that is not a number
counts as 1, and a file with more than `MAX_ROWS` rows or `MAX_TEXT` characters is refused.

python-docx's `row.cells` repeats a cell once per grid column it spans (a span of two
billion is two billion cells) and fails on a merge that continues a row above the first;
here each `w:tc` is taken once, and a cell that continues a vertical merge stands for the
cell it continues (the one in the same grid column of the row above, itself if none).
Rows and cells inside content controls (`w:sdt`) and custom XML are found too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

MAX_SPAN = 64  # Word allows 63 columns
MAX_ROWS = 5000  # all tables of a file together; a form has about a hundred
MAX_CELLS = 200  # in one row
MAX_TEXT = 4 * 1024 * 1024  # characters of the whole file; a filled form has some thousands
WRAPPERS = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag"))


class TooLarge(Exception):
    """Past one of the limits: the message says which, in Russian."""


@dataclass
class Budget:
    """What one file has used of the limits."""

    rows: int = 0
    text: int = 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise TooLarge(f"в таблицах больше {MAX_ROWS} строк")

    def chars(self, count: int) -> None:
        self.text += count
        if self.text > MAX_TEXT:
            raise TooLarge(f"текста больше {MAX_TEXT // 2**20} млн знаков")


def children(element: Any, *tags: str) -> Iterator[Any]:
    """The children with one of `tags`, those inside content controls included."""
    for child in element.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in WRAPPERS:
            yield from children(child, *tags)


def _number(text: str | None, default: int, top: int) -> int:
    """A count from the markup; anything but a plain number in 1…`top` is `default`."""
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 9:
        return default
    value = int(text)
    return value if 1 <= value <= top else default


def _property(tc: Any, name: str) -> Any:
    properties = tc.find(qn("w:tcPr"))
    return None if properties is None else properties.find(qn(name))


@dataclass(frozen=True)
class Cell:
    """A cell of a row: `tc` the element whose text it has (the first of a vertical
    merge), the grid columns it covers, and whether it continues the row above."""

    tc: Any
    start: int
    span: int
    continued: bool

    def unused(self, used: set[int]) -> bool:
        """None of the cell's grid columns is among `used` (those with text somewhere)."""
        return not any(column in used for column in range(self.start, self.start + self.span))


def rows(tbl: Any, budget: Budget) -> Iterator[list[Cell]]:
    """The table's rows, each its distinct cells left to right."""
    above: dict[int, Any] = {}  # grid column → the cell's first element, in the row above
    for tr in children(tbl, qn("w:tr")):
        budget.row()
        properties = tr.find(qn("w:trPr"))
        before = properties.find(qn("w:gridBefore")) if properties is not None else None
        column = _number(before.get(qn("w:val")), 0, MAX_SPAN) if before is not None else 0
        row: list[Cell] = []
        seen: set[int] = set()
        here: dict[int, Any] = {}
        for tc in children(tr, qn("w:tc")):
            if len(row) >= MAX_CELLS:
                raise TooLarge(f"в строке таблицы больше {MAX_CELLS} ячеек")
            span_element = _property(tc, "w:gridSpan")
            span = (
                _number(span_element.get(qn("w:val")), 1, MAX_SPAN)
                if span_element is not None
                else 1
            )
            merge = _property(tc, "w:vMerge")
            continued = merge is not None and merge.get(qn("w:val"), "continue") != "restart"
            origin = above.get(column, tc) if continued else tc
            for at in range(column, column + span):
                here[at] = origin
            column += span
            if id(origin) not in seen:
                seen.add(id(origin))
                row.append(Cell(origin, column - span, span, continued and origin is not tc))
        above = here
        yield row
