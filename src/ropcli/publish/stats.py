"""The numbers of the statistics page: sites by state and by municipality, active sites
over time, reports on time and late — each a list of rows a chart and a table share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ropcli import lifecycle
from ropcli.core.labels import state_label
from ropcli.lifecycle import STATES

from .model import PublicRegister

ACTIVE = ("active", "expiring")


@dataclass(frozen=True)
class Series:
    """One chart: a title, the names of its value columns and its rows (label, values)."""

    id: str
    title: str
    label_header: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, tuple[int, ...]]]
    kind: str = "bars"  # bars | line


def by_state(register: PublicRegister) -> Series:
    counts = Counter(s.status.state for s in register.sites)
    rows = [(state_label(s), (counts[s],)) for s in STATES if counts[s]]
    return Series("states", "Площадки по состояниям", "Состояние", ("Площадок",), rows)


def by_municipality(register: PublicRegister) -> Series:
    counts = Counter(s.record.municipality for s in register.sites)
    rows = [(name, (count,)) for name, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]
    return Series(
        "municipalities", "Площадки по муниципалитетам", "Муниципалитет", ("Площадок",), rows
    )


def _checkpoints(register: PublicRegister) -> list[date]:
    starts = [t.start for s in register.sites for t in s.card.terms]
    if not starts:
        return [register.on]
    first = min(starts).year
    points = [
        date(year, month, 1)
        for year in range(first, register.on.year + 1)
        for month in (1, 7)
        if date(year, month, 1) <= register.on
    ]
    return [*points, register.on] if register.on not in points else points


def active_over_time(register: PublicRegister) -> Series:
    """Sites with a running status on the 1st of January and July of each year, and at D."""
    settings = register.settings
    points = _checkpoints(register)
    counts = dict.fromkeys(points, 0)
    for site in register.sites:
        for day in points:
            if lifecycle.site_status(site.record.data, settings, day).state in ACTIVE:
                counts[day] += 1
    rows = [(day.strftime("%d.%m.%Y"), (counts[day],)) for day in points]
    return Series("active", "Действующие площадки по датам", "Дата", ("Действуют",), rows, "line")


def reports_timeliness(register: PublicRegister) -> Series:
    """Required reports whose due date has passed, by the year of the due date."""
    years: dict[int, list[int]] = {}
    for site in register.sites:
        for report in site.reports:
            if report.due >= register.on and report.submitted is None:
                continue
            row = years.setdefault(report.due.year, [0, 0, 0])
            if report.submitted is None:
                row[2] += 1
            elif report.submitted <= report.due:
                row[0] += 1
            else:
                row[1] += 1
    rows = [(str(year), tuple(years[year])) for year in sorted(years)]
    columns = ("В срок", "С опозданием", "Не сданы")
    return Series("reports", "Отчёты: в срок и с опозданием", "Год срока сдачи", columns, rows)


def all_series(register: PublicRegister) -> list[Series]:
    return [
        by_state(register),
        by_municipality(register),
        active_over_time(register),
        reports_timeliness(register),
    ]
