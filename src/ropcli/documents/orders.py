"""The three Ministry order drafts: which sites each may name, and what its template gets.

Terms are computed by `ropcli.lifecycle` (the same arithmetic as `status`); the only
thing decided here is where a *proposed* term starts:

* assignment: on `--start`, else on the order date; with neither, the term is written
  as «N лет со дня издания приказа»;
* extension: on `--start`, else the day after the current term ends (no gap), or the
  order date when that day has already passed; with neither known, likewise in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ropcli import lifecycle
from ropcli.core import vocab
from ropcli.core.labels import state_label
from ropcli.core.problems import ExitCode, RopcliError
from ropcli.core.settings import Settings
from ropcli.lifecycle import Term, parse_date

from . import words
from .context import OrderRef, SiteView
from .request import Request

ORDER_SETTINGS = (
    "authority.name",
    "authority.signatory_position",
    "authority.signatory_name",
    "regulation.title",
    "regulation.order_number",
    "regulation.order_date",
    "regional_center.name",
)


@dataclass(frozen=True)
class ProposedTerm:
    start: date | None
    end: date | None
    years: int

    @classmethod
    def of(cls, start: date | None, years: int) -> ProposedTerm:
        end = lifecycle.term_end({"start": start, "years": years}) if start else None
        return cls(start, end, years)


@dataclass(frozen=True)
class Conclusion:
    """The expert commission's conclusion (6.6) that an assignment order rests on."""

    date: date
    protocol: str


@dataclass(frozen=True)
class AssignRow:
    site: SiteView
    practice: str
    conclusion: Conclusion
    term: ProposedTerm


@dataclass(frozen=True)
class ExtendRow:
    site: SiteView
    request_date: date
    innovation: str
    current: Term
    term: ProposedTerm


@dataclass(frozen=True)
class RevokeRow:
    site: SiteView
    term: Term | None  # the term being cut short, with the order that gave it
    reason: str  # the ground of 6.9 (досрочное снятие) in words
    effective: date | None  # None: «со дня издания приказа»
    agreed_commission: date
    agreed_center: date
    recorded: OrderRef | None  # the order of a recorded `revoked` event


def _years(request: Request, settings: Settings) -> int:
    return request.years or settings.max_years


def _not_before(order_date: date | None, site_id: str, cited: Mapping[str, date]) -> None:
    """An order cannot cite what did not exist on its date: refused (exit 1), not drafted."""
    for what, day in cited.items():
        if order_date is not None and order_date < day:
            raise RopcliError(
                f"дата приказа {words.short_date(order_date)} раньше даты документа, на "
                f"который приказ ссылается для площадки {site_id}: {what} от "
                f"{words.short_date(day)}; укажите --order-date не раньше этой даты",
                ExitCode.PROBLEMS,
            )


def _conclusion(data: Mapping[str, Any]) -> Conclusion:
    found = data["review"]["expert_conclusion"]
    return Conclusion(parse_date(found["date"]), str(found["protocol"]))


# --- which sites a draft may name -----------------------------------------------------


def assign_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    """None when the site is approved at `on` and no order assigns it yet."""
    status = lifecycle.site_status(data, settings, on)
    known = lifecycle.terms(data, on)
    if status.state == "approved" and not known:
        return None
    if known:
        order = words.order_ref(known[0].order_number, known[0].order_date)
        return f"приказ о присвоении уже есть ({order})"
    label = state_label(status.state)
    return f"на {words.short_date(on)} площадка в состоянии «{label}», а не «одобрен»"


def pending_extension(data: Mapping[str, Any], on: date) -> Mapping[str, Any] | None:
    """The last extension request known at `on` that no `extended` event answered."""
    pending = None
    for event in data.get("history") or []:
        when = lifecycle.event_date(event)
        if when is None or when > on:
            continue
        if event.get("event") == "extension_requested":
            pending = event
        elif event.get("event") == "extended":
            pending = None
    return pending


def extend_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    state = lifecycle.site_status(data, settings, on).state
    if state == "revoked":
        return "статус снят досрочно"
    if not lifecycle.terms(data, on):
        return "статус не присваивался: продлевать нечего"
    if pending_extension(data, on) is None:
        return f"на {words.short_date(on)} нет заявки на продление без приказа о продлении"
    return None


def revoke_refusal(data: Mapping[str, Any], settings: Settings, on: date) -> str | None:
    if lifecycle.revocation(data, on) is not None:
        return None  # recorded: the draft is rendered from the event
    state = lifecycle.site_status(data, settings, on).state
    if state in ("active", "expiring"):
        return None
    label = state_label(state)
    return f"на {words.short_date(on)} площадка «{label}»: статуса, который можно снять, нет"


# --- contexts ---------------------------------------------------------------------------


def assign_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    start = request.start or request.order.date
    years = _years(request, settings)
    rows = [
        AssignRow(
            site,
            str(site.data["passport"]["practice_name"]),
            _conclusion(site.data),
            ProposedTerm.of(start, years),
        )
        for site in sites
    ]
    for row in rows:
        cited = {"заключение Экспертной комиссии": row.conclusion.date}
        _not_before(request.order.date, row.site.id, cited)
    conclusions = sorted({r.conclusion for r in rows}, key=lambda c: (c.date, c.protocol))
    return {"rows": rows, "conclusions": conclusions}


def _extension_start(current: Term, request: Request) -> date | None:
    if request.start:
        return request.start
    if request.order.date:
        return lifecycle.extension_start(current.end, request.order.date)
    following = current.end + timedelta(days=1)  # no gap: the day after the term ends
    return following if following > request.on else None


def extend_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    rows = []
    for site in sites:
        event = pending_extension(site.data, request.on)
        assert event is not None  # eligibility was checked
        current = max(lifecycle.terms(site.data, request.on), key=lambda t: (t.end, t.number))
        term = ProposedTerm.of(_extension_start(current, request), _years(request, settings))
        cited = {"заявка на продление": parse_date(event["date"])}
        _not_before(request.order.date, site.id, cited)
        rows.append(
            ExtendRow(site, parse_date(event["date"]), str(event["innovation"]), current, term)
        )
    return {"rows": rows}


def _revoke_row(site: SiteView, request: Request) -> RevokeRow:
    known = lifecycle.terms(site.data, request.on)
    recorded = lifecycle.revocation(site.data, request.on)
    if recorded is not None:
        effective, event = recorded
        order = OrderRef(str(event["order"]["number"]), parse_date(event["order"]["date"]))
        given = request.revocation.given()
        if given:
            raise RopcliError(
                f"снятие статуса площадки {site.id} уже записано в её файле (приказ "
                f"{words.order_ref(order.number, order.date)}); "
                f"проект строится по записи, {', '.join(given)} не нужны",
                ExitCode.USAGE,
            )
        before = [t for t in known if t.start < effective] or known
        agreed = event["agreed"]
        return RevokeRow(
            site,
            max(before, key=lambda t: (t.start, t.number), default=None),
            vocab.REVOCATION_REASONS[event["reason"]],
            effective,
            parse_date(agreed["expert_commission"]),
            parse_date(agreed["regional_center"]),
            order,
        )
    draft = request.revocation
    needed = {
        "--reason": draft.reason,
        "--agreed-commission": draft.agreed_commission,
        "--agreed-center": draft.agreed_center,
    }
    missing = [option for option, value in needed.items() if value is None]
    if missing or draft.reason is None:
        raise RopcliError(
            f"снятие статуса площадки {site.id} в её файле не записано; для проекта приказа "
            f"укажите основание и согласования (п. 6.9 (досрочное снятие), п. 6.10): "
            f"{', '.join(missing)}",
            ExitCode.USAGE,
        )
    assert draft.agreed_commission is not None and draft.agreed_center is not None
    current = [t for t in known if t.contains(request.on)] or known
    return RevokeRow(
        site,
        max(current, key=lambda t: (t.start, t.number), default=None),
        vocab.REVOCATION_REASONS[draft.reason],
        draft.effective or request.order.date,
        draft.agreed_commission,
        draft.agreed_center,
        None,
    )


def revoke_context(
    sites: Sequence[SiteView], request: Request, settings: Settings
) -> dict[str, Any]:
    rows = [_revoke_row(site, request) for site in sites]
    for row in rows:
        cited = {
            "согласование Экспертной комиссии": row.agreed_commission,
            "согласование регионального наставнического центра": row.agreed_center,
        }
        if row.recorded is None:  # a recorded revocation was checked by `revocation`
            _not_before(request.order.date, row.site.id, cited)
    return revocation_rows_context(rows)


def revocation_rows_context(rows: Sequence[Any]) -> dict[str, Any]:
    """What a revocation's template gets of its rows (the order and its extract alike)."""
    agreements = {(r.agreed_commission, r.agreed_center) for r in rows}
    effective = {r.effective for r in rows}
    return {
        "rows": rows,
        # The preamble cites the agreements' dates when one pair serves every site, and
        # point 1 names the date when one date serves all; otherwise the appendix does.
        "agreement": next(iter(agreements)) if len(agreements) == 1 else None,
        "effective": next(iter(effective)) if len(effective) == 1 else None,
        "same_effective": len(effective) == 1,
    }


def recorded_order(context: Mapping[str, Any]) -> OrderRef | None:
    """The order of the recorded revocations, when they all name the same one."""
    orders = {row.recorded for row in context.get("rows", []) if isinstance(row, RevokeRow)}
    if len(orders) == 1:
        (only,) = orders
        return only
    return None
