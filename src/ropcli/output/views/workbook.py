"""`--format xlsx`: `status` and `reports` as an Excel workbook — Russian headers, dates as
real date cells (ДД.ММ.ГГГГ), the header row frozen, an auto-filter, column widths, states
coloured as in the terminal table; one sheet per table.

Here are only the columns; the workbook itself is made by `ropcli.core.spreadsheet`
(shared with `render registry-list --format xlsx`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ropcli.core.labels import report_kind_label, report_state_label, state_label
from ropcli.core.spreadsheet import Table, workbook_bytes
from ropcli.register.at_date import ReportRow, StatusRow

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


def status_xlsx(rows: Sequence[StatusRow], on: date) -> bytes:
    values = [
        (
            row.site.id,
            row.site.short_name or row.site.full_name,
            row.site.municipality,
            state_label(row.status.state),
            row.status.term,
            row.status.term_start,
            row.status.term_end,
            row.status.days_left,
        )
        for row in rows
    ]
    states = [r.status.state for r in rows]
    table = Table(f"Состояние на {on:%d.%m.%Y}", STATUS_HEADERS, values, 4, states)
    return workbook_bytes(table, on)


def reports_xlsx(rows: Sequence[ReportRow], on: date) -> bytes:
    values = [
        (
            row.site.id,
            row.site.short_name or row.site.full_name,
            report_kind_label(row.report.kind),
            row.report.term,
            row.report.year,
            row.report.period_end,
            row.report.due,
            report_state_label(row.report.state),
            row.report.submitted,
            row.report.agreed,
        )
        for row in rows
    ]
    states = [r.report.state for r in rows]
    table = Table(f"Отчёты на {on:%d.%m.%Y}", REPORT_HEADERS, values, 8, states)
    return workbook_bytes(table, on)
