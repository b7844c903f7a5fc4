"""report-after-period-start — a report is submitted and agreed after its period begins.

4.2.5, 5.3: a report is about the site's work over a period, so it cannot exist before
the period begins. The period of an annual report for year K of term T begins on that
year's first day — the (K−1)-th anniversary of the term's start (year 1: the start
itself); of a final or interim report, on the term's start. A `submitted` or `agreed`
date before that is a typo (the year, or the number of the year or term). Entries for a
term that does not exist are left to `report-reference`.

Passes (term 1 from 2024-06-20)::

    reports:
      - {kind: annual, term: 1, year: 2, submitted: 2026-07-10, agreed: 2026-07-05}

Fails (year 2 begins on 2025-06-20)::

    reports:
      - {kind: annual, term: 1, year: 2, submitted: 2025-06-01, agreed: 2025-05-28}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import anniversary, parse_date, terms
from ropcli.validation.rules import Finding, SiteContext

ID = "report-after-period-start"
SEVERITY = ERROR
SUMMARY = "отчёт сдан и согласован не раньше начала периода, за который он составлен"
CLAUSE = "4.2.5"

_KINDS = {"annual": "ежегодный", "final": "итоговый", "interim": "промежуточный"}
_DATES = {"submitted": "сдан", "agreed": "согласован"}


def check(site: SiteContext) -> Iterator[Finding]:
    starts = {term.number: term.start for term in terms(site.data)}
    for index, entry in enumerate(site.data.get("reports") or []):
        kind, number, year = entry.get("kind"), entry.get("term"), entry.get("year")
        if kind not in _KINDS or number not in starts:
            continue
        begins = starts[number]
        period = f"срок {number}"
        if kind == "annual" and isinstance(year, int) and year >= 1:
            try:
                begins = anniversary(begins, year - 1)
            except (ValueError, OverflowError):  # a year past 9999: report-reference warns
                continue
            period += f", год {year}"
        for key, verb in _DATES.items():
            if entry.get(key) is None:
                continue
            day = parse_date(entry[key])
            if day < begins:
                yield Finding(
                    f"/reports/{index}/{key}",
                    f"{_KINDS[kind]} отчёт за {period} {verb} {short(day)} — раньше, чем "
                    f"начался его период ({short(begins)}): отчёт составляется о работе за "
                    "период (п. 4.2.5, 5.3); проверьте дату и номера срока и года",
                )
