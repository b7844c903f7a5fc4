"""The lifecycle of a whole registry at a date D: what `status`, `reports` and `show` show.

A library layer between `check` (which files are usable) and `lifecycle` (the arithmetic
of one site): it never prints, never exits and never reads the clock. Files with errors
are not computed with — a wrong date would give a wrong state — but they are recorded as
`Skipped`, so the commands can say which files were left out and why. A draft (its
application has no date, docs/changing-the-register.md) is usable: it is in the state
`draft`, with the number of its fields still to fill; it owes no reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ropcli import lifecycle
from ropcli.core.problems import Problem
from ropcli.core.settings import Settings
from ropcli.lifecycle import ReportEntry, ReportStatus, SiteStatus, Term
from ropcli.validation.completeness import MissingField, is_draft, missing_fields
from ropcli.validation.registry import site_id_of
from ropcli.validation.rules.incomplete import ID as INCOMPLETE

if TYPE_CHECKING:
    from ropcli.validation.check import CheckResult


@dataclass(frozen=True)
class SiteRecord:
    """A usable site with the names people recognise it by."""

    id: str
    file: str
    data: Mapping[str, Any]
    short_name: str
    full_name: str
    municipality: str
    fields_left: int | None = None  # a draft: its fields still to fill; None otherwise

    @property
    def draft(self) -> bool:
        return self.fields_left is not None


@dataclass(frozen=True)
class Skipped:
    """A site file left out because it has errors: the first one, and how many in all."""

    id: str
    file: str
    first: Problem
    errors: int


@dataclass(frozen=True)
class StatusRow:
    site: SiteRecord
    status: SiteStatus


@dataclass(frozen=True)
class ReportRow:
    site: SiteRecord
    report: ReportStatus


@dataclass(frozen=True)
class TermEnd:
    """The last day of a term the status really reaches (not cut off by a revocation)."""

    site: SiteRecord
    term: Term


@dataclass(frozen=True)
class Revocation:
    effective: date
    order_number: str
    order_date: date | None
    reason: str


@dataclass(frozen=True)
class SiteCard:
    """Everything `ropcli show` prints about one site at D."""

    site: SiteRecord
    on: date
    status: SiteStatus
    terms: list[Term]
    revocation: Revocation | None
    reports: list[ReportStatus]
    interim: list[ReportEntry]
    next_deadline: ReportStatus | None
    missing: list[MissingField] = field(default_factory=list)  # a draft's fields to fill
    ahead: list[Term] = field(default_factory=list)  # recorded terms that start after D


def _municipality_name(settings: Settings, municipality_id: str) -> str:
    found = settings.municipalities.get(municipality_id)
    return found.name if found is not None else municipality_id


def site_record(
    file: str, data: Mapping[str, Any], settings: Settings, fields_left: int | None = None
) -> SiteRecord:
    """`fields_left` — for a draft, how many fields it has still to fill (a draft's
    organization fields may be empty: they are empty text here, never «None»)."""
    organization = data.get("organization") or {}
    return SiteRecord(
        id=str(data.get("id", "")),
        file=file,
        data=data,
        short_name=str(organization.get("short_name") or ""),
        full_name=str(organization.get("full_name") or ""),
        municipality=_municipality_name(settings, str(organization.get("municipality") or "")),
        fields_left=fields_left,
    )


@dataclass
class Overview:
    """The usable sites of a registry (sorted by id) and the files skipped."""

    settings: Settings
    sites: list[SiteRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @classmethod
    def from_check(cls, result: CheckResult, settings: Settings) -> Overview:
        errors: dict[str, list[Problem]] = {}
        unfilled: dict[str, int] = {}  # the `incomplete` warnings: a draft's fields to fill
        for problem in result.problems:  # once over the problems, however many files
            if problem.is_error:
                errors.setdefault(problem.file, []).append(problem)
            elif problem.rule == INCOMPLETE:
                unfilled[problem.file] = unfilled.get(problem.file, 0) + 1
        sites = [
            site_record(
                s.file, s.data, settings, unfilled.get(s.file, 0) if is_draft(s.data) else None
            )
            for s in result.valid_sites()
        ]
        skipped = [
            Skipped(site_id_of(file), file, found[0], len(found))
            for file, found in sorted(errors.items())
        ]
        return cls(settings, sorted(sites, key=lambda s: s.id), skipped)

    def ids(self) -> list[str]:
        return sorted({s.id for s in self.sites} | {s.id for s in self.skipped})

    def unknown(self, ids: Iterable[str]) -> list[str]:
        known = set(self.ids())
        return [i for i in dict.fromkeys(ids) if i not in known]

    def select(self, ids: Sequence[str]) -> Overview:
        """Only the given sites (all when `ids` is empty); skipped files likewise."""
        if not ids:
            return self
        wanted = set(ids)
        return Overview(
            self.settings,
            [s for s in self.sites if s.id in wanted],
            [s for s in self.skipped if s.id in wanted],
        )

    def find(self, site_id: str) -> SiteRecord | None:
        return next((s for s in self.sites if s.id == site_id), None)

    def drafts(self) -> list[str]:
        """The ids of the drafts among the usable sites."""
        return [s.id for s in self.sites if s.draft]


def status_rows(overview: Overview, on: date, states: Sequence[str] = ()) -> list[StatusRow]:
    rows = [
        StatusRow(s, lifecycle.site_status(s.data, overview.settings, on)) for s in overview.sites
    ]
    return [r for r in rows if not states or r.status.state in states]


def report_rows(overview: Overview, on: date) -> list[ReportRow]:
    """Every required report of every selected site at `on`, site by site; a draft owes
    none (its application is not even dated)."""
    return [
        ReportRow(s, report)
        for s in overview.sites
        if not s.draft
        for report in lifecycle.required_reports(s.data, overview.settings, on)
    ]


def term_ends(overview: Overview, on: date) -> list[TermEnd]:
    """Ends of the terms known at `on`; a term a revocation cuts short has no regular end."""
    result = []
    for site in (s for s in overview.sites if not s.draft):
        revoked = lifecycle.revocation(site.data, on)
        for term in lifecycle.terms(site.data, on):
            if revoked is None or term.end < revoked[0]:
                result.append(TermEnd(site, term))
    return result


def _revocation(site: SiteRecord, on: date) -> Revocation | None:
    found = lifecycle.revocation(site.data, on)
    if found is None:
        return None
    effective, event = found
    order = event.get("order") or {}
    return Revocation(
        effective,
        str(order.get("number", "")),
        lifecycle.event_date(event),
        str(event.get("reason", "")),
    )


def site_card(site: SiteRecord, settings: Settings, on: date, present: bool = False) -> SiteCard:
    """`present`: D is today (or later), so an order the file dates after D is recorded
    ahead and goes to `ahead`; for a past D it was not known yet and is left out."""
    ahead = [
        t
        for t in lifecycle.terms(site.data)
        if t.start > on and (present or t.order_date is None or t.order_date <= on)
    ]
    return SiteCard(
        site=site,
        on=on,
        status=lifecycle.site_status(site.data, settings, on),
        terms=lifecycle.terms(site.data, on),
        revocation=_revocation(site, on),
        reports=lifecycle.required_reports(site.data, settings, on),
        interim=[e for e in lifecycle.report_entries(site.data, on) if e.kind == "interim"],
        next_deadline=lifecycle.next_deadline(site.data, settings, on),
        missing=missing_fields(site.data) if site.draft else [],
        ahead=ahead,
    )
