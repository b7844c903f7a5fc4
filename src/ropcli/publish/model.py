"""What the open register shows of each site at D: state, term and order, passport, links,
events and published documents — public data only (drafts are left out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli import lifecycle
from ropcli.core.labels import EVENT_LABELS, report_kind_label, report_subject, state_label
from ropcli.core.settings import Settings
from ropcli.core.vocab import REVOCATION_REASONS
from ropcli.lifecycle import ReportStatus, SiteStatus, Term
from ropcli.lifecycle.terms import optional_date
from ropcli.register.at_date import Overview, SiteCard, SiteRecord, site_card

HIDDEN_STATES = ("draft",)

APPLICATION_DOCUMENTS = (
    ("implementation_order", "Приказ о внедрении целевой модели наставничества"),
    ("mentoring_regulation", "Положение о наставничестве"),
    ("teacher_pairs_order", "Приказ о закреплении наставнических пар"),
    ("participant_bases_order", "Приказ о базах наставляемых и наставников"),
    ("mentoring_program", "Программа наставничества"),
)


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    day: date | None = None


@dataclass(frozen=True)
class Event:
    """A change of the register as the feed and the site page tell it."""

    day: date
    site_id: str
    kind: str  # application, assigned, extended, extension_requested, revoked, report
    title: str
    detail: str = ""


@dataclass(frozen=True)
class PublicSite:
    record: SiteRecord
    card: SiteCard
    term: Term | None  # the current term, else the last one an order gave
    practice: str
    forms: tuple[str, ...]
    links: list[Link]
    documents: list[Link]
    events: list[Event]

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def status(self) -> SiteStatus:
        return self.card.status

    @property
    def state_label(self) -> str:
        return state_label(self.card.status.state)

    @property
    def reports(self) -> list[ReportStatus]:
        return self.card.reports


@dataclass(frozen=True)
class PublicRegister:
    on: date
    settings: Settings
    sites: list[PublicSite]

    def events(self) -> list[Event]:
        """Every site's events, newest first."""
        found = [e for s in self.sites for e in s.events]
        return sorted(found, key=lambda e: (e.day, e.site_id, e.kind), reverse=True)


def _day(value: Any) -> date | None:
    return optional_date(value)


def _shown_term(card: SiteCard) -> Term | None:
    current = next((t for t in card.terms if t.number == card.status.term), None)
    return current or (card.terms[-1] if card.terms else None)


def web_address(value: Any) -> str:
    """An http(s) address, else nothing: a page links only to the web (validation already
    demands it; a link is never `javascript:` even if something let one through)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


def application_links(data: Mapping[str, Any]) -> list[Link]:
    application = data.get("application") or {}
    links = []
    if web_address(application.get("mentoring_page")):
        links.append(
            Link("Страница «Наставничество» на сайте организации", application["mentoring_page"])
        )
    documents = application.get("documents") or {}
    for key, title in APPLICATION_DOCUMENTS:
        document = documents.get(key) or {}
        if web_address(document.get("url")):
            links.append(Link(title, str(document["url"]), _day(document.get("date"))))
    return links


def published_documents(data: Mapping[str, Any], on: date) -> list[Link]:
    return [
        Link(_entry_subject(entry.kind, entry.term, entry.year), entry.url, entry.submitted)
        for entry in lifecycle.report_entries(data, on)
        if entry.url and web_address(entry.url)
    ]


def _entry_subject(kind: str, term: int | None, year: int | None) -> str:
    if term is None:
        return f"{report_kind_label(kind)} отчёт"
    return report_subject(kind, term, year)


def _order_words(event: Mapping[str, Any]) -> str:
    order = event.get("order") or {}
    return f"приказ № {order['number']}" if order.get("number") else ""


def site_events(site: SiteRecord, on: date) -> list[Event]:
    """Events known at `on`, oldest first."""
    data, name = site.data, site.short_name or site.id
    found: list[Event] = []
    application_day = _day((data.get("application") or {}).get("date"))
    if application_day is not None:
        found.append(Event(application_day, site.id, "application", f"{name}: подана заявка"))
    for event in data.get("history") or []:
        day = lifecycle.event_date(event)
        kind = str(event.get("event", ""))
        if day is None or day > on:
            continue
        detail = _order_words(event)
        if kind == "revoked":
            reason = REVOCATION_REASONS.get(str(event.get("reason", "")), "")
            detail = "; ".join(p for p in (detail, reason) if p)
        label = EVENT_LABELS.get(kind, kind)
        found.append(Event(day, site.id, kind, f"{name}: {label} статуса", detail))
    for entry in lifecycle.report_entries(data, on):
        title = f"{name}: сдан {_entry_subject(entry.kind, entry.term, entry.year)}"
        found.append(Event(entry.submitted, site.id, "report", title, entry.url or ""))
    return sorted((e for e in found if e.day <= on), key=lambda e: e.day)


def public_site(site: SiteRecord, settings: Settings, on: date) -> PublicSite:
    card = site_card(site, settings, on)
    passport = site.data.get("passport") or {}
    return PublicSite(
        record=site,
        card=card,
        term=_shown_term(card),
        practice=str(passport.get("practice_name", "")),
        forms=tuple(str(f) for f in passport.get("forms") or ()),
        links=application_links(site.data),
        documents=published_documents(site.data, on),
        events=site_events(site, on),
    )


def public_register(overview: Overview, on: date) -> PublicRegister:
    # A draft (its application has no date yet) is never public, whatever its state.
    sites = [public_site(s, overview.settings, on) for s in overview.sites if not s.draft]
    return PublicRegister(
        on, overview.settings, [s for s in sites if s.status.state not in HIDDEN_STATES]
    )


def forms_of(sites: Sequence[PublicSite]) -> list[str]:
    return sorted({f for s in sites for f in s.forms})
