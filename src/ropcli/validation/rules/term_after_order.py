"""term-after-order — a term starts on or after the order that gives it.

6.1, 6.7: the status is assigned (and, 6.9, extended) by an order of the Ministry; before
the order there is nothing to hold. A term whose `start` is earlier than its order's
`date` is a typo in one of the dates — the year, usually (an order of 01.12.2026 with a
term from 10.12.2025). `record assign` and `record extend` refuse to write one.

Passes::

    history:
      - event: assigned
        order: {number: "1-456", date: 2024-06-20}
        term: {start: 2024-06-20, years: 3}

Fails::

    history:
      - event: assigned
        order: {number: "1-456", date: 2024-06-20}
        term: {start: 2023-06-20, years: 3}    # a year before the order
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import TERM_EVENTS, parse_date
from ropcli.validation.rules import Finding, SiteContext

ID = "term-after-order"
SEVERITY = ERROR
SUMMARY = "срок статуса начинается не раньше приказа, который его устанавливает"
CLAUSE = "6.7"

_WHAT = {"assigned": "о присвоении статуса", "extended": "о продлении статуса"}


def check(site: SiteContext) -> Iterator[Finding]:
    for index, event in enumerate(site.data.get("history") or []):
        kind = event.get("event")
        if kind not in TERM_EVENTS:
            continue
        start = parse_date(event["term"]["start"])
        order_date = parse_date(event["order"]["date"])
        if start < order_date:
            yield Finding(
                f"/history/{index}/term/start",
                f"срок начинается ({short(start)}) раньше приказа {_WHAT[kind]} "
                f"({short(order_date)}), который его устанавливает: статус действует только "
                "по приказу (п. 6.1, 6.7); проверьте год в term.start и в order.date",
            )
