"""Terms, status and required reports of a site at a date D (SPEC §2; regulation 5.3, 6.8-6.10).

Pure arithmetic over the plain data of one schema-valid site file: no clock (D is always a
parameter, STYLE §5), no I/O, no printing. Status is computed, never stored, so the same
file answers "what was true on D" for any D.

"Known at D" is the one rule behind every function: an event exists from its `order.date`
(or its `date` when it has no order), a report from its `submitted`, an agreement or an
expert decision from its own date. Term numbers, however, are counted over the whole
history, so term 2 stays term 2 whatever D is and report entries keep pointing at it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from ropcli.settings import Settings

Site = Mapping[str, Any]

STATES = ("revoked", "active", "expiring", "expired", "approved", "rejected", "submitted", "draft")
REPORT_STATES = ("late", "unagreed", "ok", "missing", "due", "upcoming")
TERM_EVENTS = ("assigned", "extended")

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY = timedelta(days=1)


def parse_date(value: str | date) -> date:
    """One date policy for both loaders: ruamel gives `date`, JSON-minded code gives ISO text.

    Only `YYYY-MM-DD` is accepted, because `date.fromisoformat` would also take `20240620`.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not _ISO.fullmatch(value):
        raise ValueError(f"not an ISO date YYYY-MM-DD: {value!r}")
    return date.fromisoformat(value)


def _opt_date(value: str | date | None) -> date | None:
    return None if value is None else parse_date(value)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def anniversary(start: date, years: int) -> date:
    """SPEC §2: the anniversary of 29 February in a non-leap year is 1 March."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


def term_end(term: Mapping[str, Any]) -> date:
    """The last day of a `{start, end}` or `{start, years}` term (6.8)."""
    if term.get("end") is not None:
        return parse_date(term["end"])
    return anniversary(parse_date(term["start"]), int(term["years"])) - _DAY


def cap_end(start: date, max_years: int) -> date:
    """The last day a term starting on `start` may reach under the `max_years` cap (6.8)."""
    return anniversary(start, max_years) - _DAY


def extension_start(last_end: date, order_date: date) -> date:
    """6.9 (продление): a new term continues the last one from the next day — or, when the
    order comes after the status has lapsed, from the order's date (no term before its
    order). One rule for `record extend` and the draft of `render order-extend`."""
    return max(last_end + _DAY, order_date)


def event_date(event: Mapping[str, Any]) -> date | None:
    """When an event becomes known: its order's date, else its own `date`."""
    order = event.get("order") or {}
    return _opt_date(order.get("date", event.get("date")))


def _known(when: date | None, on: date | None) -> bool:
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
        if _known(when, on):
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
        effective = _opt_date(event.get("date")) or event_date(event)
        if event.get("event") == "revoked" and effective and _known(event_date(event), on):
            found.append((effective, index, event))
    if not found:
        return None
    effective, _, event = min(found, key=lambda item: item[:2])
    return effective, event


@dataclass(frozen=True)
class SiteStatus:
    """A row of `ropcli status`; `to_dict` is the SPEC §3 JSON site object."""

    id: str
    state: str
    term: int | None = None
    term_start: date | None = None
    term_end: date | None = None
    days_left: int | None = None

    @classmethod
    def of(cls, site_id: str, state: str, term: Term | None, days: int | None = None) -> SiteStatus:
        if term is None:
            return cls(site_id, state)
        return cls(site_id, state, term.number, term.start, term.end, days)

    def to_dict(self) -> dict[str, Any]:
        keys = ("id", "state", "term", "term_start", "term_end", "days_left")
        return {key: _json(getattr(self, key)) for key in keys}


def _status_end(current: Term, known: list[Term], revoked_from: date | None) -> date:
    """Where the status held on D ends: chain terms starting by the next day, cut at R."""
    end, extended = current.end, True
    while extended:
        extended = False
        for term in known:
            if term.start <= end + _DAY and term.end > end:
                end, extended = term.end, True
    return end if revoked_from is None else min(end, revoked_from - _DAY)


def _decision(site: Site, on: date) -> str | None:
    conclusion = (site.get("review") or {}).get("expert_conclusion") or {}
    if not conclusion or not _known(_opt_date(conclusion.get("date")), on):
        return None
    return str(conclusion.get("decision"))


def site_status(site: Site, settings: Settings, on: date) -> SiteStatus:
    """The state machine of SPEC §2 at `on`; the first matching row wins.

    Choices where SPEC is silent:
    * `revoked` shows the last term that started before R (the one revoked), else nulls;
      it needs both the order known (order.date <= D) and R <= D.
    * `approved` shows no term even when an order with a later start exists: nothing has
      started, so "the current or last term" has nothing to point at yet.
    * A known order counts as approval: an order whose term has not started is `approved`
      even without a recorded expert conclusion (older files may lack `review`).
    * `expiring` measures to where the status ends: contiguous (or overlapping) known terms
      chained, cut at the day before a known future revocation. `days_left` stays the
      current term's end minus D, as SPEC defines it.
    * Overlapping terms: the one containing D with the latest start is current; `expired`
      shows the started term that ended last.
    """
    site_id = str(site.get("id", ""))
    known = terms(site, on)
    revoked = revocation(site, on)
    if revoked is not None and revoked[0] <= on:
        before = [t for t in known if t.start < revoked[0]]
        last = max(before, key=lambda t: (t.start, t.number), default=None)
        return SiteStatus.of(site_id, "revoked", last)
    containing = [t for t in known if t.contains(on)]
    if containing:
        current = max(containing, key=lambda t: (t.start, t.number))
        ends = _status_end(current, known, revoked[0] if revoked else None)
        state = "expiring" if (ends - on).days <= settings.expiring_within_days else "active"
        return SiteStatus.of(site_id, state, current, (current.end - on).days)
    started = [t for t in known if t.start <= on]
    if started:
        last = max(started, key=lambda t: (t.end, t.number))
        return SiteStatus.of(site_id, "expired", last)
    decision = _decision(site, on)
    if decision == "approved" or known:
        return SiteStatus(site_id, "approved")
    if decision == "rejected":
        return SiteStatus(site_id, "rejected")
    application_date = _opt_date((site.get("application") or {}).get("date"))
    return SiteStatus(site_id, "submitted" if _known(application_date, on) else "draft")


@dataclass(frozen=True)
class ReportEntry:
    """One entry of the site's `reports` list (`year` only for annual ones)."""

    index: int
    kind: str
    term: int | None
    year: int | None
    submitted: date
    agreed: date | None
    url: str | None


def report_entries(site: Site, on: date | None = None) -> list[ReportEntry]:
    """Entries of every kind submitted by `on` (all when `on` is None), in file order.

    `interim` entries are reached only through here: SPEC accepts and lists them but never
    requires them, so they have no due date or state and stay out of `required_reports`,
    whose rows drive `--fail-on` and deadlines. An entry without `submitted` (the schema
    requires it) is not a submitted report and is skipped.
    """
    result = []
    for index, raw in enumerate(site.get("reports") or []):
        submitted = _opt_date(raw.get("submitted"))
        if submitted is None or not _known(submitted, on):
            continue
        kind, url = str(raw.get("kind")), raw.get("url")
        year = raw.get("year") if kind == "annual" else None
        agreed = _opt_date(raw.get("agreed"))
        url_text = None if url is None else str(url)
        result.append(ReportEntry(index, kind, raw.get("term"), year, submitted, agreed, url_text))
    return result


@dataclass(frozen=True)
class ReportStatus:
    """A required report and its state at D; `to_dict` is the SPEC §3 `reports` JSON object."""

    site: str
    kind: str
    term: int
    year: int | None
    period_start: date
    period_end: date
    due: date
    state: str
    submitted: date | None = None
    agreed: date | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = ("site", "kind", "term", "year", "period_end", "due", "state", "submitted", "agreed")
        return {key: _json(getattr(self, key)) for key in keys}


def _required(site: Site, settings: Settings, on: date | None) -> list[ReportStatus]:
    """Required reports without entries (state `upcoming`): annual years ending strictly
    before the term's end, then the final; nothing whose period ends on or after R."""
    site_id = str(site.get("id", ""))
    revoked = revocation(site, on)
    result = []
    for term in terms(site, on):
        year = 1
        while (year_end := anniversary(term.start, year) - _DAY) < term.end:
            due = year_end + timedelta(days=settings.annual_due_days)
            start = anniversary(term.start, year - 1)
            result.append(
                ReportStatus(site_id, "annual", term.number, year, start, year_end, due, "upcoming")
            )
            year += 1
        due = term.end + timedelta(days=settings.final_due_days)
        result.append(
            ReportStatus(site_id, "final", term.number, None, term.start, term.end, due, "upcoming")
        )
    return [r for r in result if revoked is None or r.period_end < revoked[0]]


def _report_state(report: ReportStatus, entry: ReportEntry | None, on: date) -> str:
    if entry is not None:
        if entry.submitted > report.due:
            return "late"
        if report.kind == "annual" and (entry.agreed is None or entry.agreed > on):
            return "unagreed"
        return "ok"
    if on > report.due:
        return "missing"
    return "due" if report.period_end < on else "upcoming"


def required_reports(site: Site, settings: Settings, on: date) -> list[ReportStatus]:
    """Every report required by what is known at `on`, with its state then.

    Order: by term, its annual years first, then its final. When several entries answer
    the same (kind, term, year), the earliest submitted counts (the first in the file on a
    tie): a later resubmission does not cure lateness.
    """
    earliest: dict[tuple[str, int | None, int | None], ReportEntry] = {}
    for entry in sorted(report_entries(site, on), key=lambda e: (e.submitted, e.index)):
        earliest.setdefault((entry.kind, entry.term, entry.year), entry)
    result = []
    for report in _required(site, settings, on):
        found = earliest.get((report.kind, report.term, report.year))
        facts: dict[str, Any] = {}
        if found is not None:
            facts = {"submitted": found.submitted, "agreed": found.agreed, "url": found.url}
        result.append(replace(report, state=_report_state(report, found, on), **facts))
    return result


def unrequired_report_entries(site: Site, settings: Settings) -> list[int]:
    """Indexes of annual/final entries that answer no required report (a validation warning).

    Judged with everything recorded (no D): an entry for a period the revocation cut off,
    for a term that does not exist, or for a term's last year (the final report covers it).
    """
    required = {(r.kind, r.term, r.year) for r in _required(site, settings, None)}
    return [
        e.index
        for e in report_entries(site)
        if e.kind in ("annual", "final") and (e.kind, e.term, e.year) not in required
    ]


def next_deadline(site: Site, settings: Settings, on: date) -> ReportStatus | None:
    """The earliest due date at or after `on` among required reports with no entry yet."""
    open_reports = [
        r for r in required_reports(site, settings, on) if r.state in ("due", "upcoming")
    ]
    return min(open_reports, key=lambda r: r.due, default=None)
