"""`--format xlsx`: `status` and `reports` as an Excel workbook — Russian headers, dates as
real date cells (ДД.ММ.ГГГГ), the header row frozen, an auto-filter, column widths, states
coloured as in the terminal table; one sheet per table.

The workbook's own dates are set to D, so the same register at the same date gives the
same file whenever it is built.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ropcli.core.labels import report_kind_label, report_state_label, state_label
from ropcli.register.at_date import ReportRow, StatusRow

DATE_FORMAT = "DD.MM.YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
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

STATUS_HEADERS = (
    ("Площадка (id)", 22),
    ("Организация", 34),
    ("Муниципалитет", 24),
    ("Состояние", 16),
    ("Срок", 7),
    ("Начало срока", 14),
    ("Окончание срока", 16),
    ("Осталось дней", 14),
)
REPORT_HEADERS = (
    ("Площадка (id)", 22),
    ("Организация", 34),
    ("Отчёт", 14),
    ("Срок", 7),
    ("Год срока", 10),
    ("Конец периода", 15),
    ("Сдать до", 12),
    ("Состояние", 16),
    ("Сдан", 12),
    ("Согласован", 13),
)


def _sheet(book: Workbook, title: str, headers: Sequence[tuple[str, int]]) -> Worksheet:
    sheet: Worksheet = book.create_sheet(title)
    sheet.append([name for name, _ in headers])
    for index, (_, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _finish(sheet: Worksheet, state_column: int, states: Sequence[str]) -> None:
    for row, state in enumerate(states, start=2):
        fill = STATE_FILLS.get(state)
        if fill:
            sheet.cell(row=row, column=state_column).fill = PatternFill("solid", fgColor=fill)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    sheet.auto_filter.ref = sheet.dimensions


def _bytes(book: Workbook, on: date) -> bytes:
    del book["Sheet"]
    stamp = datetime(on.year, on.month, on.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "ropcli"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def status_xlsx(rows: Sequence[StatusRow], on: date) -> bytes:
    book = Workbook()
    sheet = _sheet(book, f"Состояние на {on:%d.%m.%Y}", STATUS_HEADERS)
    for row in rows:
        status = row.status
        values: list[Any] = [
            row.site.id,
            row.site.short_name or row.site.full_name,
            row.site.municipality,
            state_label(status.state),
            status.term,
            status.term_start,
            status.term_end,
            status.days_left,
        ]
        sheet.append(values)
    _finish(sheet, 4, [r.status.state for r in rows])
    return _bytes(book, on)


def reports_xlsx(rows: Sequence[ReportRow], on: date) -> bytes:
    book = Workbook()
    sheet = _sheet(book, f"Отчёты на {on:%d.%m.%Y}", REPORT_HEADERS)
    for row in rows:
        report = row.report
        values: list[Any] = [
            row.site.id,
            row.site.short_name or row.site.full_name,
            report_kind_label(report.kind),
            report.term,
            report.year,
            report.period_end,
            report.due,
            report_state_label(report.state),
            report.submitted,
            report.agreed,
        ]
        sheet.append(values)
    _finish(sheet, 8, [r.report.state for r in rows])
    return _bytes(book, on)
