"""The state of a site at a date D: the first matching row of the state table wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli.core.settings import Settings

from .terms import DAY, Site, Term, json_value, known_at, optional_date, revocation, terms


@dataclass(frozen=True)
class SiteStatus:
    """A row of `ropcli status`; `to_dict` is the site object of ARCHITECTURE.md."""

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
        return {key: json_value(getattr(self, key)) for key in keys}


def _status_end(current: Term, known: list[Term], revoked_from: date | None) -> date:
    """Where the status held on D ends: chain terms starting by the next day, cut at R."""
    end, extended = current.end, True
    while extended:
        extended = False
        for term in known:
            if term.start <= end + DAY and term.end > end:
                end, extended = term.end, True
    return end if revoked_from is None else min(end, revoked_from - DAY)


def _decision(site: Site, on: date) -> str | None:
    conclusion = (site.get("review") or {}).get("expert_conclusion") or {}
    if not conclusion or not known_at(optional_date(conclusion.get("date")), on):
        return None
    return str(conclusion.get("decision"))


def site_status(site: Site, settings: Settings, on: date) -> SiteStatus:
    """The state table (docs/lifecycle.md) at `on`; the first matching row wins.

    Choices the state table leaves open:
    * `revoked` shows the last term that started before R (the one revoked), else nulls;
      it needs both the order known (order.date <= D) and R <= D.
    * `approved` shows no term even when an order with a later start exists: nothing has
      started, so "the current or last term" has nothing to point at yet.
    * A known order counts as approval: an order whose term has not started is `approved`
      even without a recorded expert conclusion (older files may lack `review`).
    * `expiring` measures to where the status ends: contiguous (or overlapping) known terms
      chained, cut at the day before a known future revocation. `days_left` stays the
      current term's end minus D, as docs/lifecycle.md defines it.
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
    application_date = optional_date((site.get("application") or {}).get("date"))
    return SiteStatus(site_id, "submitted" if known_at(application_date, on) else "draft")
