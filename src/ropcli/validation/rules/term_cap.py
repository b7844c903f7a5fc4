"""term-cap — a term lasts at most the cap (3 years by default, `term.max_years`).

6.8: the Ministry sets the term «до 3-х лет». `end` may be at most the day before the
cap-th anniversary of `start`; `years` at most the cap. The anniversary of 29 February in
a non-leap year is 1 March, so a term from 2024-02-29 may end on 2027-02-28.

Passes::

    term: {start: 2024-09-01, end: 2027-08-31}
    term: {start: 2024-02-29, years: 3}

Fails::

    term: {start: 2024-09-01, end: 2027-09-01}   # one day over three years
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import TERM_EVENTS, cap_end, parse_date
from ropcli.validation.rules import Finding, SiteContext

ID = "term-cap"
SEVERITY = ERROR
SUMMARY = "срок статуса не больше предельного (3 года по умолчанию)"
CLAUSE = "6.8"


def check(site: SiteContext) -> Iterator[Finding]:
    cap = site.settings.max_years
    for index, event in enumerate(site.data.get("history") or []):
        term = event.get("term") if event.get("event") in TERM_EVENTS else None
        if not term:
            continue
        start = parse_date(term["start"])
        if term.get("years") is not None and term["years"] > cap:
            yield Finding(
                f"/history/{index}/term/years",
                f"срок статуса — не больше {cap} лет (п. 6.8), а указано {term['years']}",
            )
        elif term.get("end") is not None:
            end, last = parse_date(term["end"]), cap_end(start, cap)
            if end > last:
                yield Finding(
                    f"/history/{index}/term/end",
                    f"срок статуса — не больше {cap} лет (п. 6.8): при начале "
                    f"{short(start)} последний допустимый день — {short(last)}, а "
                    f"указано {short(end)}",
                )
