"""extension — an extension follows a request and continues, not overlaps, the term.

п. 6.9 (продление): the status is extended «по заявке образовательной организации при
наличии актуального новшества». So every `extended` event needs an `extension_requested`
event after the previous term's order, and the new term starts after the previous one
ends (the next day for a seamless extension; later leaves a gap, when the status lapses).

Passes::

    - {event: assigned, order: {number: "1-456", date: 2024-06-20},
       term: {start: 2024-06-20, years: 3}}
    - {event: extension_requested, date: 2027-03-01, innovation: …}
    - {event: extended, order: {number: "1-300", date: 2027-06-01},
       term: {start: 2027-06-20, end: 2029-06-19}}

Fails::

    - {event: extended, order: {number: "1-300", date: 2027-06-01},
       term: {start: 2027-06-01, end: 2029-05-31}}   # no request; overlaps to 2027-06-19
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import TERM_EVENTS, parse_date, term_end
from ropcli.validation.rules import Finding, SiteContext

ID = "extension"
SEVERITY = ERROR
SUMMARY = "продление — по заявке и без наложения сроков"
CLAUSE = "6.9 (продление)"


def check(site: SiteContext) -> Iterator[Finding]:
    previous_term = None
    requested = False
    for index, event in enumerate(site.data.get("history") or []):
        kind = event["event"]
        if kind == "extension_requested":
            requested = True
        elif kind == "extended" and previous_term is not None:
            if not requested:
                yield Finding(
                    f"/history/{index}",
                    "продление без заявки: перед событием "
                    "extended должна быть заявка на продление (extension_requested) "
                    "с актуальным новшеством",
                    at_key=True,
                )
            start = parse_date(event["term"]["start"])
            previous_end = term_end(previous_term)
            if start <= previous_end:
                yield Finding(
                    f"/history/{index}/term/start",
                    f"новый срок начинается {short(start)}, а предыдущий действует "
                    f"по {short(previous_end)}: сроки не пересекаются, начните с "
                    f"{short(previous_end + timedelta(days=1))}",
                )
        if kind in TERM_EVENTS:
            previous_term = event["term"]
            requested = False
        elif kind == "revoked":
            previous_term = None
