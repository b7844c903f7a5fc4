"""Documents that are also tables: `render registry-list --format xlsx` as an Excel
workbook, built from the same context the registry list's templates get.

The columns are the Markdown list's, with its compound cells split so that every date is
a real date cell: «Срок статуса» is the term's number, its start and end, and the day it
was revoked; «Приказ» is the order's date and number. Nothing is left blank: what the list
shows as «—» is «—» here too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ropcli.core.spreadsheet import Table, workbook_bytes

NONE = "—"
REGISTER_COLUMNS = (
    ("№", 5),
    ("Образовательная организация", 36),
    ("Муниципальное образование", 26),
    ("Состояние", 16),
    ("Срок статуса", 9),
    ("Начало срока", 14),
    ("Окончание срока", 16),
    ("Снят досрочно с", 16),
    ("Приказ от", 12),
    ("Номер приказа", 14),
)


def register_xlsx(context: Mapping[str, Any]) -> bytes:
    """The register list: one row per site, in the list's order, coloured by state."""
    rows = context["rows"]
    values = []
    for index, row in enumerate(rows, start=1):
        term = row.term
        cells = (
            (term.number, term.start, term.end, row.revoked_from, term.order_date)
            if term
            else (None,) * 5
        )
        values.append(
            (
                index,
                row.site.short_name or row.site.full_name,
                row.site.municipality,
                row.state_label,
                *(NONE if cell is None else cell for cell in cells),
                term.order_number if term and term.order_number else NONE,
            )
        )
    on = context["on"]
    states = [row.status.state for row in rows]
    table = Table(f"Реестр на {on:%d.%m.%Y}", REGISTER_COLUMNS, values, 4, states)
    return workbook_bytes(table, on)


# Documents that have an `xlsx` format, and what makes it from their context.
TABLES: dict[str, Callable[[Mapping[str, Any]], bytes]] = {"registry-list": register_xlsx}
