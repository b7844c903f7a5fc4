"""A table as an Excel workbook: one sheet, bold header row frozen, an auto-filter, column
widths, dates as real date cells (ДД.ММ.ГГГГ) and a state column coloured by state.

Only the format lives here; what the columns are is decided by the callers
(`ropcli.output.views.workbook` for `status`/`reports`, `ropcli.documents.tables` for the
register list). The workbook's own dates are set to the day the table describes, so the
same data at the same date gives the same bytes whenever it is built.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported when a workbook is made, not by every command
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD.MM.YYYY"
HEADER_FILL = "DCE6F1"
# Light fills with dark text: the state is written in words, the colour only repeats it.
STATE_FILLS = {
    "active": "DCFCE7",
    "expiring": "FEF3C7",
    "expired": "FEE2E2",
    "revoked": "FEE2E2",
    "approved": "CFFAFE",
    "rejected": "FAE8FF",
    "submitted": "DBEAFE",
    "draft": "F3F4F6",
    "ok": "DCFCE7",
    "late": "FEE2E2",
    "missing": "FEE2E2",
    "unagreed": "FEF3C7",
    "due": "FEF3C7",
    "upcoming": "F3F4F6",
}


@dataclass(frozen=True)
class Table:
    """What goes on the sheet: `columns` are (header, width) pairs; `states` holds each
    row's state key (English), which colours the cell in `state_column` (1-based)."""

    title: str  # the sheet's name (Excel allows at most 31 characters)
    columns: Sequence[tuple[str, int]]
    rows: Sequence[Sequence[Any]]
    state_column: int
    states: Sequence[str]


def _header(book: Workbook, table: Table) -> Worksheet:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet: Worksheet = book.create_sheet(table.title[:31])
    sheet.append([name for name, _ in table.columns])
    for index, (_, width) in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(table: Table, on: date) -> bytes:
    """The .xlsx file's bytes; `on` stamps the workbook's created/modified dates."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = _header(book, table)
    for values in table.rows:
        sheet.append(list(values))
    for row, state in enumerate(table.states, start=2):
        fill = STATE_FILLS.get(state)
        if fill:
            sheet.cell(row=row, column=table.state_column).fill = PatternFill("solid", fgColor=fill)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    sheet.auto_filter.ref = sheet.dimensions
    del book["Sheet"]
    stamp = datetime(on.year, on.month, on.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "ropcli"
    buffer = io.BytesIO()
    # Not `book.save`: it stamps «modified» with the present moment.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _stamped(buffer.getvalue(), stamp)


def _stamped(content: bytes, stamp: datetime) -> bytes:
    """The same zip with every member dated `stamp` (zipfile dates them now), so that
    building the workbook again gives the same bytes."""
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()
