"""term-order — a term ends after it starts.

A term `{start, end}` whose `end` is before `start` is a typo in one of the dates (the
year, usually). `end` is the last day the status holds.

Passes::

    term: {start: 2024-09-01, end: 2027-08-31}

Fails::

    term: {start: 2024-09-01, end: 2023-08-31}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import TERM_EVENTS, parse_date
from ropcli.validation.rules import Finding, SiteContext

ID = "term-order"
SEVERITY = ERROR
SUMMARY = "срок заканчивается после начала"
CLAUSE = "6.8"


def check(site: SiteContext) -> Iterator[Finding]:
    for index, event in enumerate(site.data.get("history") or []):
        term = event.get("term") if event.get("event") in TERM_EVENTS else None
        if not term or term.get("end") is None:
            continue
        start, end = parse_date(term["start"]), parse_date(term["end"])
        if end < start:
            yield Finding(
                f"/history/{index}/term/end",
                f"срок заканчивается ({short(end)}) раньше, чем начинается "
                f"({short(start)}): проверьте год",
            )
