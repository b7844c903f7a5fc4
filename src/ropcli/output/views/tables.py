"""`status` and `reports` as tables for people: Russian headers and labels, ДД.ММ.ГГГГ.

A table that does not fit the terminal never cuts an id or a date: words in the other
columns wrap onto more lines, the gaps between columns narrow, and the least needed
columns are dropped (municipality, then organization…). A coordinator who needs
every column widens the window or reads `--format csv` in Excel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ropcli.core.dates import short
from ropcli.core.labels import (
    REPORT_STATE_STYLES,
    STATE_STYLES,
    plural,
    report_name,
    report_state_label,
    state_label,
)
from ropcli.lifecycle import REPORT_STATES, STATES, ReportStatus
from ropcli.output.views import plain_table
from ropcli.output.views.console import put
from ropcli.register.at_date import ReportRow, StatusRow

DASH = "—"
Row = TypeVar("Row")


def day(value: date | None) -> str:
    return short(value) if value is not None else DASH


def number(value: int | None) -> str:
    return str(value) if value is not None else DASH


def period(report: ReportStatus) -> str:
    """«01.03.2025 – 28.02.2026»: spaces around the dash let a narrow table wrap it between
    the dates instead of cutting one."""
    return f"{short(report.period_start)} – {short(report.period_end)}"


def simple_table(title: str, gap: int = 2) -> Table:
    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
        padding=(0, 1) if gap == 2 else 0,
    )


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    cell: Callable[[Row], str | Text]
    drop_rank: int = 0  # 0: always shown; otherwise dropped in rank order when too wide
    wrap: bool = False  # words of the header and the cells may go onto more lines
    right: bool = False
    # Columns that do not wrap (ids, dates) are never narrower than their widest cell.


def _longest_word(text: str | Text) -> int:
    return max((cell_len(word) for word in str(text).split()), default=0)


def _widest(text: str | Text) -> int:
    return max((cell_len(line) for line in str(text).splitlines()), default=0)


def _untabbed(value: str | Text) -> str | Text:
    """A cell with its tabs as spaces (`plain_table.untab`), measured as it is drawn."""
    if isinstance(value, Text):
        if "\t" not in value.plain:
            return value
        value = value.copy()
        value.expand_tabs(plain_table.TAB)
        return value
    return plain_table.untab(value)


def measures(
    columns: Sequence[Column[Row]], cells: Sequence[Sequence[str | Text]]
) -> list[tuple[int, int]]:
    """Each column's least and most width: a column that does not wrap (ids, dates) needs its
    widest cell, a wrapping one at least its longest word. One pass over the cells, whatever
    is tried after: 10,000 rows are measured once, never rendered to be measured."""
    result = []
    for index, column in enumerate(columns):
        texts = {column.header, *(str(line[index]) for line in cells)}  # each text once
        most = max(_widest(t) for t in texts)
        result.append((max(_longest_word(t) for t in texts) if column.wrap else most, most))
    return result


def widths_within(sizes: Sequence[tuple[int, int]], room: int) -> list[int] | None:
    """Widths for columns of these (least, most) sizes within `room`, or None if even the
    least do not fit. Room goes first to the columns that need least to fit on one line, so
    as few rows as possible wrap."""
    spare = room - sum(least for least, _ in sizes)
    if spare < 0:
        return None
    widths = [least for least, _ in sizes]
    for index in sorted(range(len(sizes)), key=lambda i: sizes[i][1] - sizes[i][0]):
        given = min(sizes[index][1] - sizes[index][0], spare)
        widths[index] += given
        spare -= given
    return widths


def fitted(
    console: Console,
    title: str,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    row_style: Callable[[Row], str | None] = lambda _: None,
) -> Table:
    """The table with every column if it fits `console.width`, else with one space between
    columns, else without the lowest ranks (and again with one space). Ids and dates are
    never cut; words of the other columns wrap onto more lines."""
    cells = [[_untabbed(c.cell(row)) for c in columns] for row in rows]
    styles = [row_style(row) for row in rows]
    keep, gap, widths = layout(console.width, columns, measures(columns, cells))
    return _table(title, columns, keep, cells, styles, gap, widths)


def layout(
    room: int, columns: Sequence[Column[Row]], sizes: Sequence[tuple[int, int]]
) -> tuple[list[int], int, list[int] | None]:
    """The columns kept, the gap between them and their widths within `room` columns (no
    widths: nothing fits, the fewest columns as narrow as rich can make them)."""
    optional = sorted({c.drop_rank for c in columns if c.drop_rank})
    keep: list[int] = list(range(len(columns)))
    for dropped in range(len(optional) + 1):
        gone = set(optional[:dropped])
        keep = [i for i, c in enumerate(columns) if c.drop_rank not in gone]
        for gap in (2, 1):
            widths = widths_within([sizes[i] for i in keep], room - gap * (len(keep) - 1))
            if widths is not None:
                return keep, gap, widths
    return keep, 1, None


def draw(
    console: Console,
    title: str,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    row_style: Callable[[Row], str | None] = lambda _: None,
) -> None:
    """Print the fitted table. Off a terminal (no colour, nothing but text), where no cell
    has to wrap, it is written as plain lines (`plain_table`: what rich would draw, without
    laying out every row first); otherwise rich draws it."""
    if not console.is_terminal:
        cells = [tuple(plain_table.untab(str(c.cell(row))) for c in columns) for row in rows]
        keep, gap, widths = layout(console.width, columns, measures(columns, cells))
        headers = [columns[i].header for i in keep]
        if widths is not None and plain_table.fits(
            title, [headers, *([line[i] for i in keep] for line in cells)], widths, gap
        ):
            right = [columns[i].right for i in keep]
            shown = ([line[i] for i in keep] for line in cells)
            plain_table.write(console.file, title, headers, right, shown, widths, gap)
            return
    put(console, fitted(console, title, columns, rows, row_style))


def _table(
    title: str,
    columns: Sequence[Column[Row]],
    keep: Sequence[int],
    cells: Sequence[Sequence[str | Text]],
    styles: Sequence[str | None],
    gap: int,
    widths: Sequence[int] | None,
) -> Table:
    table = simple_table(title, gap)
    for place, index in enumerate(keep):
        column = columns[index]
        table.add_column(
            column.header,
            width=widths[place] if widths is not None else None,
            no_wrap=not column.wrap,
            justify="right" if column.right else "left",
        )
    for line, style in zip(cells, styles, strict=True):
        table.add_row(*(line[i] for i in keep), style=style)
    return table


def _tally(states: Iterable[str], order: Sequence[str], label: dict[str, str]) -> str:
    counts = Counter(states)
    return ", ".join(f"{label.get(s, s)} — {counts[s]}" for s in order if counts[s])


def fields_left_text(count: int) -> str:
    """«осталось 52 поля», «осталось 1 поле», «осталось 47 полей»: a draft's fields to fill."""
    return f"осталось {count} {plural(count, 'поле', 'поля', 'полей')}"


def _state(row: StatusRow) -> Text:
    text = Text(state_label(row.status.state), style=STATE_STYLES.get(row.status.state, ""))
    if row.site.fields_left is not None:  # a draft: how far it is from an application
        text.append(f", {fields_left_text(row.site.fields_left)}")
    return text


STATUS_COLUMNS: list[Column[StatusRow]] = [
    Column("Площадка", lambda r: r.site.id),
    Column("Организация", lambda r: r.site.short_name, drop_rank=2, wrap=True),
    Column("Муниципалитет", lambda r: r.site.municipality, drop_rank=1, wrap=True),
    Column("Состояние", _state, wrap=True),
    Column("Срок", lambda r: number(r.status.term), drop_rank=3, right=True),
    Column("Начало", lambda r: day(r.status.term_start)),
    Column("Окончание", lambda r: day(r.status.term_end)),
    Column("Осталось дней", lambda r: number(r.status.days_left), 4, wrap=True, right=True),
]


def _report_state(row: ReportRow) -> Text:
    state = row.report.state
    return Text(report_state_label(state), style=REPORT_STATE_STYLES[state])


REPORT_COLUMNS: list[Column[ReportRow]] = [
    Column("Площадка", lambda r: r.site.id),
    Column("Организация", lambda r: r.site.short_name, drop_rank=2, wrap=True),
    Column("Муниципалитет", lambda r: r.site.municipality, drop_rank=1, wrap=True),
    Column("Отчёт", lambda r: report_name(r.report.kind, r.report.year), wrap=True),
    Column("Срок", lambda r: str(r.report.term), drop_rank=5, right=True),
    Column("Период", lambda r: period(r.report), drop_rank=3, wrap=True),
    Column("Сдать до", lambda r: short(r.report.due)),
    Column("Состояние", _report_state, wrap=True),
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

    draw(console, f"Состояние площадок на {short(on)}", STATUS_COLUMNS, rows, style)
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
    draw(console, f"Отчёты площадок на {short(on)}", REPORT_COLUMNS, rows)
    if not quiet:
        labels = {s: report_state_label(s) for s in REPORT_STATES}
        tally = _tally((r.report.state for r in rows), REPORT_STATES, labels)
        put(console, f"Отчётов — {len(rows)}: {tally}.{hint}")
