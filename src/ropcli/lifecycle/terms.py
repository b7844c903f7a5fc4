"""Terms of a site: dates, anniversaries, the cap, events and revocation (п. 6.8–6.10).

Pure arithmetic over the plain data of one schema-valid site file: no clock (D is always a
parameter, ARCHITECTURE.md), no I/O, no printing. Status is computed, never stored, so the same
file answers "what was true on D" for any D.

"Known at D" is the one rule behind every function: an event exists from its `order.date`
(or its `date` when it has no order), a report from its `submitted`, an agreement or an
expert decision from its own date. Term numbers, however, are counted over the whole
history, so term 2 stays term 2 whatever D is and report entries keep pointing at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ropcli.core.dates import ISO_DATE

Site = Mapping[str, Any]

STATES = ("revoked", "active", "expiring", "expired", "approved", "rejected", "submitted", "draft")
REPORT_STATES = ("late", "unagreed", "ok", "missing", "due", "upcoming")
TERM_EVENTS = ("assigned", "extended")

DAY = timedelta(days=1)


def parse_date(value: str | date) -> date:
    """One date policy for both loaders: ruamel gives `date`, JSON-minded code gives ISO text.

    Only `YYYY-MM-DD` is accepted, because `date.fromisoformat` would also take `20240620`.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not ISO_DATE.fullmatch(value):
        raise ValueError(f"not an ISO date YYYY-MM-DD: {value!r}")
    return date.fromisoformat(value)


def optional_date(value: str | date | None) -> date | None:
    return None if value is None else parse_date(value)


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def anniversary(start: date, years: int) -> date:
    """docs/format.md: the anniversary of 29 February in a non-leap year is 1 March."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


def term_end(term: Mapping[str, Any]) -> date:
    """The last day of a `{start, end}` or `{start, years}` term (6.8)."""
    if term.get("end") is not None:
        return parse_date(term["end"])
    return anniversary(parse_date(term["start"]), int(term["years"])) - DAY


def cap_end(start: date, max_years: int) -> date:
    """The last day a term starting on `start` may reach under the `max_years` cap (6.8)."""
    return anniversary(start, max_years) - DAY


def extension_start(last_end: date, order_date: date) -> date:
    """6.9 (продление): a new term continues the last one from the next day — or, when the
    order comes after the status has lapsed, from the order's date (no term before its
    order). One rule for `record extend` and the draft of `render order-extend`."""
    return max(last_end + DAY, order_date)


def event_date(event: Mapping[str, Any]) -> date | None:
    """When an event becomes known: its order's date, else its own `date`."""
    order = event.get("order") or {}
    return optional_date(order.get("date", event.get("date")))


def known_at(when: date | None, on: date | None) -> bool:
    return on is None or (when is not None and when <= on)


@dataclass(frozen=True)
class Term:
    """One term of the status, from an `assigned` or `extended` event (6.8, 6.9)."""

    number: int
    start: date
    end: date
    event_index: int
    event: str
    order_number: str
    order_date: date | None

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def terms(site: Site, on: date | None = None) -> list[Term]:
    """Terms in history order; with `on`, only those whose order exists at `on`.

    Every term event adds the next number (a second `assigned` too, should validation let
    one through), counted before filtering so numbers never shift with D.
    """
    result: list[Term] = []
    term_events = [
        (i, e) for i, e in enumerate(site.get("history") or []) if e.get("event") in TERM_EVENTS
    ]
    for number, (index, event) in enumerate(term_events, start=1):
        when = event_date(event)
        if known_at(when, on):
            number_text = str((event.get("order") or {}).get("number", ""))
            start, end = parse_date(event["term"]["start"]), term_end(event["term"])
            result.append(Term(number, start, end, index, event["event"], number_text, when))
    return result


def revocation(site: Site, on: date | None = None) -> tuple[date, Mapping[str, Any]] | None:
    """The earliest-effective `revoked` event known at `on`, with its effective date R.

    The status ends at the end of the day before R (6.9, 6.10). R may lie after `on` when
    the order is issued in advance: the site is not revoked yet, but its status has an end.
    """
    found = []
    for index, event in enumerate(site.get("history") or []):
        effective = optional_date(event.get("date")) or event_date(event)
        if event.get("event") == "revoked" and effective and known_at(event_date(event), on):
            found.append((effective, index, event))
    if not found:
        return None
    effective, _, event = min(found, key=lambda item: item[:2])
    return effective, event
