"""The paperwork around an order: the extract for one site (`order-extract`), the letter
that tells a school its status was assigned, extended or revoked (`status-notice`), and
the approval sheet of an order draft (`approval-sheet`).

The first two quote a *recorded* order — an `assigned`, `extended` or `revoked` event of
the site's history known at `--on`: the latest one, or the one `--order-number` names. The
extract rebuilds the order's text from the same wording templates the draft came from,
with every site of the register that the same order names (so the plural forms match),
and quotes the one site's appendix row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropcli import lifecycle
from ropcli.core import vocab
from ropcli.core.labels import report_state_label, report_subject
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.settings import Settings
from ropcli.lifecycle import ReportStatus, Term, parse_date

from . import orders, words
from .context import OrderRef, SiteView
from .request import Request

ORDER_EVENTS = {"assigned": "order-assign", "extended": "order-extend", "revoked": "order-revoke"}
# A notice lists the reports the school owes: every one not yet accepted.
OWED = ("missing", "due", "upcoming", "late", "unagreed")


@dataclass(frozen=True)
class RecordedOrder:
    event: str  # assigned | extended | revoked
    index: int  # in the site's history
    order: OrderRef


@dataclass(frozen=True)
class NoticeReport:
    subject: str
    period_start: date
    period_end: date
    due: date
    state_label: str


def recorded_orders(data: Mapping[str, Any], on: date) -> list[RecordedOrder]:
    found = []
    for index, event in enumerate(data.get("history") or []):
        order = event.get("order")
        when = lifecycle.event_date(event)
        if event.get("event") in ORDER_EVENTS and order and when is not None and when <= on:
            found.append(RecordedOrder(event["event"], index, OrderRef(str(order["number"]), when)))
    return found


def _recorded(site: SiteView, request: Request) -> RecordedOrder:
    """The order the document quotes; an `--order-number` the file lacks refuses (exit 1)."""
    found = chosen_order(site.data, request)
    if found is None:
        why = _order_refusal(site.data, request.on, request.order.number) or (
            f"приказа от {words.short_date(request.order.date)} в файле площадки нет"
            if request.order.date
            else "нет записанного приказа"
        )
        raise RopcliError(
            f"в документ {request.document} на {request.on.isoformat()} нельзя включить:\n"
            f"  {site.id}: {why}",
            ExitCode.PROBLEMS,
        )
    return found


def chosen_order(data: Mapping[str, Any], request: Request) -> RecordedOrder | None:
    found = recorded_orders(data, request.on)
    if request.order.number is not None:
        found = [o for o in found if o.order.number == request.order.number]
    if request.order.date is not None:
        found = [o for o in found if o.order.date == request.order.date]
    return found[-1] if found else None


def _order_refusal(data: Mapping[str, Any], on: date, number: str | None) -> str | None:
    found = recorded_orders(data, on)
    if not found:
        return f"на {words.short_date(on)} в файле площадки нет записанного приказа о статусе"
    if number is not None and all(o.order.number != number for o in found):
        known = ", ".join(f"№ {o.order.number}" for o in found)
        return f"приказа № {number} в файле площадки нет (есть: {known})"
    return None


def order_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    return _order_refusal(data, on, None)


def _term_of(data: Mapping[str, Any], index: int) -> Term | None:
    return next((t for t in lifecycle.terms(data) if t.event_index == index), None)


def _previous(data: Mapping[str, Any], term: Term) -> Term | None:
    earlier = [t for t in lifecycle.terms(data) if t.number == term.number - 1]
    return earlier[0] if earlier else None


def _request_before(data: Mapping[str, Any], index: int) -> Mapping[str, Any] | None:
    history = data.get("history") or []
    asked = [e for e in history[:index] if e.get("event") == "extension_requested"]
    return asked[-1] if asked else None


def order_row(site: SiteView, recorded: RecordedOrder, request: Request) -> Any:
    """The site's appendix row of the recorded order, as the draft had it."""
    data = site.data
    if recorded.event == "revoked":
        on = max(request.on, recorded.order.date or request.on)
        return orders._revoke_row(site, Request(request.document, on))
    term = _term_of(data, recorded.index)
    assert term is not None  # an assigned/extended event always gives a term
    proposed = orders.ProposedTerm(term.start, term.end, 0)
    if recorded.event == "assigned":
        practice = str(data["passport"]["practice_name"])
        return orders.AssignRow(site, practice, orders._conclusion(data), proposed)
    asked = _request_before(data, recorded.index)
    previous = _previous(data, term) or term
    assert asked is not None  # the extension rule demands a request before `extended`
    return orders.ExtendRow(
        site, parse_date(asked["date"]), str(asked["innovation"]), previous, proposed
    )


def extract_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    """`sites`: the site first, then every other valid site of the register (peers)."""
    site, *others = sites
    recorded = _recorded(site, request)
    named = [site]
    for other in others:
        theirs = chosen_order(
            other.data, Request(request.document, request.on, order=recorded.order)
        )
        if theirs is not None and theirs.event == recorded.event:
            named.append(other)
    named.sort(key=lambda s: s.id)
    rows = [
        order_row(
            s,
            chosen_order(s.data, Request(request.document, request.on, order=recorded.order))
            or recorded,
            request,
        )
        for s in named
    ]
    context = _wording_context(recorded.event, rows)
    index = [s.id for s in named].index(site.id)
    context.update(
        site=site,
        order=recorded.order,
        event=recorded.event,
        wording=f"{ORDER_EVENTS[recorded.event]}.wording.j2",
        row=rows[index],
        row_number=index + 1,
        certifier={
            "position": settings.authority.get("certifier_position", ""),
            "name": settings.authority.get("certifier_name", ""),
        },
    )
    return context


def _wording_context(event: str, rows: list[Any]) -> dict[str, Any]:
    """What the order's wording template needs besides `rows` (see `orders`)."""
    if event == "assigned":
        conclusions = sorted({r.conclusion for r in rows}, key=lambda c: (c.date, c.protocol))
        return {"rows": rows, "conclusions": conclusions}
    if event == "revoked":
        return orders.revocation_rows_context(rows)
    return {"rows": rows}


def notice_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    (site,) = sites[:1]
    recorded = _recorded(site, request)
    term = _term_of(site.data, recorded.index) if recorded.event != "revoked" else None
    revoked = lifecycle.revocation(site.data, request.on) if recorded.event == "revoked" else None
    reports = lifecycle.required_reports(site.data, settings, request.on)
    if term is not None:
        reports = [r for r in reports if r.term == term.number]
    owed = [_notice_report(r) for r in reports if r.state in OWED]
    return {
        "site": site,
        "order": recorded.order,
        "event": recorded.event,
        "term": term,
        "revoked_from": revoked[0] if revoked else None,
        "reason": None if revoked is None else vocab.REVOCATION_REASONS[revoked[1]["reason"]],
        "reports": owed,
    }


def _notice_report(report: ReportStatus) -> NoticeReport:
    return NoticeReport(
        report_subject(report.kind, report.term, report.year),
        report.period_start,
        report.period_end,
        report.due,
        report_state_label(report.state),
    )


# --- the approval sheet -------------------------------------------------------------------


def draft_kind(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    """The order draft a site is in at `on`: assignment, extension, else revocation."""
    if orders.assign_refusal(data, settings, on) is None:
        return "order-assign"
    if orders.extend_refusal(data, settings, on) is None:
        return "order-extend"
    if lifecycle.revocation(data, on) is None and orders.revoke_refusal(data, settings, on) is None:
        return "order-revoke"
    return None


def approval_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    if draft_kind(data, settings, on) is None:
        return f"на {words.short_date(on)} нет проекта приказа, в который входит площадка"
    return None


def approval_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    kinds = {draft_kind(s.data, settings, request.on) for s in sites}
    if len(kinds) != 1:
        listed = ", ".join(f"{s.id}: {draft_kind(s.data, settings, request.on)}" for s in sites)
        raise RopcliError(
            f"площадки входят в разные проекты приказов ({listed}); лист согласования "
            "составляется на один проект — укажите площадки одного проекта",
            ExitCode.USAGE,
        )
    (kind,) = kinds
    if not settings.approvals:
        raise RopcliError(
            "лист согласования не составить: в ropcli.yaml реестра не задан список approvals "
            "(должности и имена согласующих: - {position: …, name: …})",
            ExitCode.CANNOT_RUN,
        )
    return {
        "rows": list(sites),
        "draft": kind,
        "wording": f"{kind}.wording.j2",
        "approvals": [dict(a) for a in settings.approvals],
        # what the order's wording needs besides the heading (not printed here)
        "conclusions": [],
        "agreement": None,
        "effective": None,
        "same_effective": True,
    }
