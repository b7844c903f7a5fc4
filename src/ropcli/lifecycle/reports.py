"""Which reports a site owes at a date D, when they are due, and in what state they are
(п. 4.2.5, 5.3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ropcli.core.settings import Settings

from .terms import DAY, Site, anniversary, json_value, known_at, optional_date, revocation, terms


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

    `interim` entries are reached only through here: the format accepts and lists them but never
    requires them, so they have no due date or state and stay out of `required_reports`,
    whose rows drive `--fail-on` and deadlines. An entry without `submitted` (the schema
    requires it) is not a submitted report and is skipped.
    """
    result = []
    for index, raw in enumerate(site.get("reports") or []):
        submitted = optional_date(raw.get("submitted"))
        if submitted is None or not known_at(submitted, on):
            continue
        kind, url = str(raw.get("kind")), raw.get("url")
        year = raw.get("year") if kind == "annual" else None
        agreed = optional_date(raw.get("agreed"))
        url_text = None if url is None else str(url)
        result.append(ReportEntry(index, kind, raw.get("term"), year, submitted, agreed, url_text))
    return result


@dataclass(frozen=True)
class ReportStatus:
    """A required report and its state at D; `to_dict` is the `reports` JSON object
    (ARCHITECTURE.md)."""

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
        return {key: json_value(getattr(self, key)) for key in keys}


def _required(site: Site, settings: Settings, on: date | None) -> list[ReportStatus]:
    """Required reports without entries (state `upcoming`): annual years ending strictly
    before the term's end, then the final; nothing whose period ends on or after R."""
    site_id = str(site.get("id", ""))
    revoked = revocation(site, on)
    result = []
    for term in terms(site, on):
        year = 1
        while (year_end := anniversary(term.start, year) - DAY) < term.end:
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
