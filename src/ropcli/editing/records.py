"""What `ropcli record …` appends to a site file, in the sample registry's style (docs/format.md).

Each function returns an operation on the round-trip data (`ropcli.editing.transaction.Operation`).
History events are block maps whose order and term are flow maps; reports, activities and
cooperation agreements are one flow map per line; review entries are flow maps under their
key. Dates are `datetime.date` (written unquoted, ISO), order and protocol numbers quoted
text. A section the file lacks is added at its place in the order of docs/format.md, which for a
growing file is the end. Whether the result is right — a report for a year that exists,
an extension that does not overlap the term — is for the rules to say, not for this module.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ropcli.core.dates import parse_typed, short
from ropcli.core.vocab import REPORT_KINDS
from ropcli.editing.transaction import Operation, RefusedWrite
from ropcli.lifecycle import extension_start, parse_date, terms
from ropcli.validation.corrections import effective, resolve
from ropcli.yamlio import block_map, block_seq, flow_map, identifier, split_pointer, text

SECTIONS = (
    "schema_version",
    "id",
    "organization",
    "application",
    "passport",
    "review",
    "project",
    "history",
    "reports",
    "activities",
    "agreements",
    "corrections",
)


def _section(data: Any, key: str, make: Any) -> Any:
    """`data[key]`, created empty where docs/format.md puts it when the file has none yet."""
    if data.get(key) is not None:
        return data[key]
    if key in data:  # «history:» with nothing under it yet
        data[key] = make()
        return data[key]
    rank = SECTIONS.index(key)
    keys = list(data)
    later = [i for i, k in enumerate(keys) if k in SECTIONS and SECTIONS.index(k) > rank]
    data.insert(later[0] if later else len(keys), key, make())
    return data[key]


def _once(review: Any, key: str, what: str) -> None:
    entry = review.get(key)
    if entry is not None:
        when = entry.get("date") if hasattr(entry, "get") else None
        dated = f" от {short(when)}" if isinstance(when, date) else ""
        raise RefusedWrite(
            f"{what}{dated} уже записано (review.{key}); ropcli record не заменяет записи — "
            "если в ней ошибка, исправьте её командой ropcli record correction"
        )


def agreement(day: date, coordinator: str) -> Operation:
    """6.6: the application agreed with the municipal coordinator."""

    def apply(data: Any) -> None:
        review = _section(data, "review", block_map)
        _once(review, "municipal_agreement", "согласование с муниципальным координатором")
        entry = flow_map(date=day, coordinator=text(coordinator, flow=True))
        review.insert(0, "municipal_agreement", entry)

    return apply


def conclusion(day: date, protocol: str, decision: str) -> Operation:
    """6.6: the expert commission's conclusion."""

    def apply(data: Any) -> None:
        review = _section(data, "review", block_map)
        _once(review, "expert_conclusion", "заключение экспертной комиссии")
        entry = flow_map(date=day, protocol=identifier(protocol), decision=decision)
        review.insert(len(review), "expert_conclusion", entry)

    return apply


def _term(start: date, years: int | None, end: date | None) -> Any:
    return flow_map(start=start, years=years, end=end)


def _order(number: str, day: date) -> Any:
    return flow_map(number=identifier(number), date=day)


def _event(data: Any, event: Any) -> None:
    _section(data, "history", block_seq).append(event)


def assign(
    number: str, order_date: date, start: date, years: int | None, end: date | None
) -> Operation:
    """6.7, 6.8: the Ministry's order assigning the status for a term."""

    def apply(data: Any) -> None:
        order = _order(number, order_date)
        _event(data, block_map(event="assigned", order=order, term=_term(start, years, end)))

    return apply


def extension_request(day: date, innovation: str) -> Operation:
    """6.9 (продление): the organization applies for an extension with a current innovation."""

    def apply(data: Any) -> None:
        _event(data, block_map(event="extension_requested", date=day, innovation=text(innovation)))

    return apply


def next_start(data: Any, order_date: date) -> date:
    """Where an extension ordered on `order_date` starts (`lifecycle.extension_start`)."""
    known = terms(effective(data))  # corrected dates count
    if not known:
        raise RefusedWrite("продлевать нечего: в истории нет присвоения статуса (assigned)")
    return extension_start(known[-1].end, order_date)


def extend(
    number: str, order_date: date, start: date | None, years: int | None, end: date | None
) -> Operation:
    """6.9 (продление): the order extending the status; the new term starts, unless told
    otherwise, the day after the last one ends (or on the order's date, if that is later)."""

    def apply(data: Any) -> None:
        begin = start or next_start(data, order_date)
        order = _order(number, order_date)
        _event(data, block_map(event="extended", order=order, term=_term(begin, years, end)))

    return apply


def revoke(
    number: str, order_date: date, day: date, reason: str, expert: date, center: date
) -> Operation:
    """6.9 (досрочное снятие), 6.10: early revocation, agreed with both bodies."""

    def apply(data: Any) -> None:
        agreed = flow_map(expert_commission=expert, regional_center=center)
        event = block_map(
            event="revoked",
            order=_order(number, order_date),
            date=day,
            reason=reason,
            agreed=agreed,
        )
        _event(data, event)

    return apply


def last_term(data: Any) -> int:
    """The number of the last term (reports default to it); 1 before any order."""
    return max(1, len(terms(effective(data))))


def report(
    kind: str,
    term: int | None,
    year: int | None,
    submitted: date,
    agreed: date | None,
    url: str | None,
) -> Operation:
    """4.2.5, 5.3: a report submitted to the regional centre.

    The same report recorded again with the same submission date completes its entry — the
    agreement with the municipal coordinator (5.3) often comes after the report was
    recorded, and is what makes an `unagreed` report accepted; `ropcli diff` allows exactly
    this completion. A value already written is never replaced, and a second entry for the
    same report is refused: the earliest submission is the one that counts.
    """

    def apply(data: Any) -> None:
        number = term or last_term(data)
        entry = flow_map(
            kind=kind, term=number, year=year, submitted=submitted, agreed=agreed, url=url
        )
        meant = effective(data).get("reports") or []  # with corrections applied
        for old, seen in zip(data.get("reports") or [], meant, strict=False):
            same = (seen.get("kind"), seen.get("term"), seen.get("year")) == (kind, number, year)
            if same and _complete(old, entry, parse_date(seen["submitted"]), submitted):
                return
        _section(data, "reports", block_seq).append(entry)

    return apply


def _complete(old: Any, entry: Any, recorded: date, submitted: date) -> bool:
    """Add `agreed`/`url` to the entry already recorded for this report; True if done."""
    what = f"{REPORT_KINDS.get(old.get('kind'), old.get('kind'))} отчёт за срок {old.get('term')}"
    what += f", год {old['year']}" if old.get("year") else ""
    if recorded != submitted:
        raise RefusedWrite(
            f"{what} уже записан, сдан {short(recorded)}: считается первая "
            "сдача; если дата в записи неверна — исправьте её командой ropcli record correction"
        )
    added = [key for key in ("agreed", "url") if key in entry and key not in old]
    clash = [
        key
        for key in ("agreed", "url")
        if key in entry and key in old and str(old[key]) != str(entry[key])
    ]
    if clash:
        raise RefusedWrite(
            f"у записи «{what}» уже есть {', '.join(clash)}; ropcli record не заменяет "
            "записанное — если в ней ошибка, исправьте её командой ropcli record correction"
        )
    if not added:
        raise RefusedWrite(f"{what} уже записан с этими же данными")
    for key in added:
        old[key] = entry[key]
    return True


def activity(day: date, kind: str, title: str, participants: int | None) -> Operation:
    """3.5: an open event held for other organizations."""

    def apply(data: Any) -> None:
        entry = flow_map(
            date=day, kind=kind, title=text(title, flow=True), participants=participants
        )
        _section(data, "activities", block_seq).append(entry)

    return apply


def cooperation(partner: str, number: str, day: date) -> Operation:
    """4.1.3: a cooperation agreement with a partner organization."""

    def apply(data: Any) -> None:
        entry = flow_map(partner=text(partner, flow=True), number=identifier(number), date=day)
        _section(data, "agreements", block_seq).append(entry)

    return apply


def _typed(old: Any, value: str, pointer: str) -> Any:
    """`value` as typed, in the type of the value it corrects (a date for a date…)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(old, date):
        try:
            return parse_typed(value)
        except ValueError as exc:
            raise RefusedWrite(f"в {pointer} записана дата, а {exc}") from None
    if isinstance(old, (bool, list, dict)) or old is None:
        raise RefusedWrite(
            f"в {pointer} не одно значение (список, словарь или да/нет): исправляйте по одному "
            "значению, например /history/0/order/date"
        )
    if isinstance(old, int):
        if not value.strip().isdigit():
            raise RefusedWrite(f"в {pointer} записано целое число, а «{value}» — не число")
        return int(value)
    if isinstance(old, DoubleQuotedScalarString):  # numbers of orders, ИНН: text in quotes
        return identifier(value)
    return text(value, flow=True)


def correction(day: date, pointer: str, value: str, reason: str) -> Operation:
    """6.1: a mistake in an entry already recorded, put right by a new entry of
    `corrections:` (ropcli.validation.corrections); the file keeps the old value."""

    def apply(data: Any) -> None:
        tokens = split_pointer(pointer) if pointer.startswith("/") else []
        found = resolve(data, tokens) if tokens else None
        if found is None:
            raise RefusedWrite(
                f"в файле нет значения «{pointer}»: укажите путь как в файле, например "
                "/reports/0/submitted (ключи через «/», номера в списках с 0)"
            )
        parent, key = found
        entry = flow_map(
            date=day,
            pointer=text(pointer, flow=True),
            value=_typed(parent[key], value, pointer),
            reason=text(reason, flow=True),
        )
        _section(data, "corrections", block_seq).append(entry)

    return apply
