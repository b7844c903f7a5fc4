"""`status` and `reports` as tables for people: Russian headers and labels, ДД.ММ.ГГГГ.

A table that does not fit the terminal drops its least needed columns (municipality,
then organization…) instead of squeezing dates into «30.…»: a coordinator who needs
every column widens the window or reads `--format csv` in Excel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropcli.core.dates import short
from ropcli.core.labels import (
    REPORT_STATE_STYLES,
    STATE_STYLES,
    report_name,
    report_state_label,
    state_label,
)
from ropcli.lifecycle import REPORT_STATES, STATES, ReportStatus
from ropcli.output.views.console import put
from ropcli.register.at_date import ReportRow, StatusRow

DASH = "—"
UNLIMITED = 10_000
Row = TypeVar("Row")


def day(value: date | None) -> str:
    return short(value) if value is not None else DASH


def number(value: int | None) -> str:
    return str(value) if value is not None else DASH


def period(report: ReportStatus) -> str:
    return f"{short(report.period_start)}–{short(report.period_end)}"


def simple_table(title: str) -> Table:
    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
    )


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    cell: Callable[[Row], str | Text]
    drop_rank: int = 0  # 0: always shown; otherwise dropped in rank order when too wide
    wrap: bool = False
    right: bool = False


def _build(
    title: str,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    row_style: Callable[[Row], str | None],
    *,
    probe: bool = False,
) -> Table:
    """The table; a `probe` has wrapping cells cut to their longest word, which is as narrow
    as rich may fold them, so its natural width is the least the real table needs."""
    table = simple_table(title)
    for column in columns:
        table.add_column(
            column.header, no_wrap=not column.wrap, justify="right" if column.right else "left"
        )
    for row in rows:
        cells = [c.cell(row) for c in columns]
        if probe:
            cells = [
                max(str(cell).split() or [""], key=len) if c.wrap else cell
                for c, cell in zip(columns, cells, strict=True)
            ]
        table.add_row(*cells, style=row_style(row))
    return table


def _widest(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> list[Row]:
    """The rows holding each column's widest cell: a table's width is its columns' widest
    cells, so measuring these few gives the width of all of them (not 10,000 rows twice)."""
    from rich.cells import cell_len

    chosen: dict[int, Row] = {}
    for column in columns:
        best, width = None, -1
        for index, row in enumerate(rows):
            text = str(column.cell(row))
            parts = text.split() if column.wrap else text.splitlines()
            size = max((cell_len(part) for part in parts), default=0)
            if size > width:
                best, width = index, size
        if best is not None:
            chosen[best] = rows[best]
    return [chosen[i] for i in sorted(chosen)]


def fitted(
    console: Console,
    title: str,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    row_style: Callable[[Row], str | None] = lambda _: None,
) -> Table:
    """The table with every column if it fits `console.width`, else without the lowest ranks."""
    optional = sorted({c.drop_rank for c in columns if c.drop_rank})
    widest = _widest(columns, rows)
    for dropped in range(len(optional) + 1):
        gone = set(optional[:dropped])
        shown = [c for c in columns if c.drop_rank not in gone]
        probe = _build(title, shown, widest, row_style, probe=True)
        # Measured without the console's limit, which would cap the answer at its width.
        unlimited = console.options.update_width(UNLIMITED)
        if console.measure(probe, options=unlimited).maximum <= console.width:
            break
    return _build(title, shown, rows, row_style)


def _tally(states: Iterable[str], order: Sequence[str], label: dict[str, str]) -> str:
    counts = Counter(states)
    return ", ".join(f"{label.get(s, s)} — {counts[s]}" for s in order if counts[s])


def _state(row: StatusRow) -> Text:
    return Text(state_label(row.status.state), style=STATE_STYLES.get(row.status.state, ""))


STATUS_COLUMNS: list[Column[StatusRow]] = [
    Column("Площадка", lambda r: r.site.id),
    Column("Организация", lambda r: r.site.short_name, drop_rank=2, wrap=True),
    Column("Муниципалитет", lambda r: r.site.municipality, drop_rank=1, wrap=True),
    Column("Состояние", _state),
    Column("Срок", lambda r: number(r.status.term), right=True),
    Column("Начало", lambda r: day(r.status.term_start)),
    Column("Окончание", lambda r: day(r.status.term_end)),
    Column("Осталось дней", lambda r: number(r.status.days_left), right=True),
]


def _report_state(row: ReportRow) -> Text:
    state = row.report.state
    return Text(report_state_label(state), style=REPORT_STATE_STYLES[state])


REPORT_COLUMNS: list[Column[ReportRow]] = [
    Column("Площадка", lambda r: r.site.id),
    Column("Организация", lambda r: r.site.short_name, drop_rank=2, wrap=True),
    Column("Муниципалитет", lambda r: r.site.municipality, drop_rank=1, wrap=True),
    Column("Отчёт", lambda r: report_name(r.report.kind, r.report.year)),
    Column("Срок", lambda r: str(r.report.term), drop_rank=5, right=True),
    Column("Период", lambda r: period(r.report), drop_rank=3),
    Column("Сдать до", lambda r: short(r.report.due)),
    Column("Состояние", _report_state),
    Column("Сдан", lambda r: day(r.report.submitted)),
    Column("Согласован", lambda r: day(r.report.agreed), drop_rank=4),
]


def status_table(console: Console, rows: Sequence[StatusRow], on: date, *, quiet: bool) -> None:
    if not rows:
        put(console, f"На {short(on)} нет площадок, подходящих под условия.")
        return

    # The rows people act on: a status about to end needs an extension request.
    def style(row: StatusRow) -> str | None:
        return "bold yellow" if row.status.state == "expiring" else None

    put(console, fitted(console, f"Состояние площадок на {short(on)}", STATUS_COLUMNS, rows, style))
    if not quiet:
        labels = {s: state_label(s) for s in STATES}
        tally = _tally((r.status.state for r in rows), STATES, labels)
        put(console, f"Площадок — {len(rows)}: {tally}.")


def reports_table(
    console: Console, rows: Sequence[ReportRow], on: date, *, quiet: bool, hint: str = ""
) -> None:
    if not rows:
        put(console, f"На {short(on)} нет отчётов, подходящих под условия.{hint}")
        return
    put(console, fitted(console, f"Отчёты площадок на {short(on)}", REPORT_COLUMNS, rows))
    if not quiet:
        labels = {s: report_state_label(s) for s in REPORT_STATES}
        tally = _tally((r.report.state for r in rows), REPORT_STATES, labels)
        put(console, f"Отчётов — {len(rows)}: {tally}.{hint}")
