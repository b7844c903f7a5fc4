"""The documents about one site or the whole register: application, passport, reminder
letter, register list. Report states and terms come from `ropcli.lifecycle`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli import lifecycle
from ropcli.core.labels import report_state_label, report_subject, state_label
from ropcli.core.settings import Settings
from ropcli.lifecycle import ReportStatus, SiteStatus, Term

from . import words
from .context import SiteView
from .request import Request

# What a reminder lists: what the site owes (missing, late) and what it must still get
# agreed with the municipal coordinator (5.3).
REMINDER_STATES = ("missing", "late", "unagreed")

PASSPORT_RESOURCES = (
    ("financial", "финансовые"),
    ("staffing", "кадровые"),
    ("material", "материально-технические"),
    ("methodological", "методические"),
)


@dataclass(frozen=True)
class ReminderRow:
    subject: str  # «ежегодный отчёт за 2-й год срока 1»
    period_start: date
    period_end: date
    due: date
    state: str
    state_label: str
    submitted: date | None


@dataclass(frozen=True)
class RegisterRow:
    site: SiteView
    status: SiteStatus
    state_label: str
    term: Term | None  # the current or last term with its order; for `approved`, the
    # term an order has already given (it starts later)
    revoked_from: date | None  # the day a revocation takes effect


def reminder_rows(data: Mapping[str, Any], settings: Settings, on: date) -> list[ReminderRow]:
    return [
        ReminderRow(
            report_subject(r.kind, r.term, r.year),
            r.period_start,
            r.period_end,
            r.due,
            r.state,
            report_state_label(r.state),
            r.submitted,
        )
        for r in _owed(lifecycle.required_reports(data, settings, on))
    ]


def _owed(reports: Sequence[ReportStatus]) -> list[ReportStatus]:
    return [r for r in reports if r.state in REMINDER_STATES]


def reminder_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    if _owed(lifecycle.required_reports(data, settings, on)):
        return None
    return f"на {words.short_date(on)} нет несданных, просроченных или несогласованных отчётов"


def no_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    return None


def site_context(sites: Sequence[SiteView], request: Request, settings: Settings) -> dict[str, Any]:
    """application, passport: the one site; the passport's resources in form order."""
    (site,) = sites
    resources = site.data["passport"]["resources"]
    return {
        "site": site,
        "resources": [
            (label, resources[key]) for key, label in PASSPORT_RESOURCES if key in resources
        ],
    }


def reminder_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    (site,) = sites
    rows = reminder_rows(site.data, settings, request.on)
    return {
        "site": site,
        "rows": rows,
        "owed": [r for r in rows if r.state != "unagreed"],
        "unagreed": [r for r in rows if r.state == "unagreed"],
    }


def register_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    rows = []
    for site in sites:
        status = lifecycle.site_status(site.data, settings, request.on)
        known = lifecycle.terms(site.data, request.on)
        term = next((t for t in known if t.number == status.term), None)
        if term is None and status.state == "approved" and known:
            term = known[-1]
        revoked = lifecycle.revocation(site.data, request.on)
        revoked_from = revoked[0] if revoked else None
        rows.append(RegisterRow(site, status, state_label(status.state), term, revoked_from))
    present = [row.status.state for row in rows]
    counts = [(state_label(s), present.count(s)) for s in lifecycle.STATES if s in present]
    return {"rows": rows, "counts": counts}
