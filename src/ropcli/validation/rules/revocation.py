"""revocation — an early revocation happens during a term and is agreed beforehand.

п. 6.9 (досрочное снятие) and 6.10: the Ministry revokes the status early, on one of the
three grounds of 6.9, «по согласованию с Экспертной комиссией Курской области и
Региональным наставническим центром». So the revocation date lies within a term of the
status, is not earlier than the order, and both agreements are dated no later than the
order.

Passes::

    - {event: revoked, order: {number: "1-77", date: 2028-02-10}, date: 2028-02-10,
       reason: negative_effects,
       agreed: {expert_commission: 2028-02-01, regional_center: 2028-02-03}}

Fails::

    agreed: {expert_commission: 2028-02-15, regional_center: 2028-02-03}  # after the order
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import TERM_EVENTS, parse_date, term_end
from ropcli.validation.rules import Finding, SiteContext

ID = "revocation"
SEVERITY = ERROR
SUMMARY = "досрочное снятие — в период статуса, после согласований"
CLAUSE = "6.10"

_AGREEMENTS = {
    "expert_commission": "согласование Экспертной комиссии",
    "regional_center": "согласование Регионального наставнического центра",
}


def check(site: SiteContext) -> Iterator[Finding]:
    spans = []
    for index, event in enumerate(site.data.get("history") or []):
        if event["event"] in TERM_EVENTS:
            spans.append((parse_date(event["term"]["start"]), term_end(event["term"])))
            continue
        if event["event"] != "revoked":
            continue
        order_date = parse_date(event["order"]["date"])
        effective = parse_date(event["date"])
        if effective < order_date:
            yield Finding(
                f"/history/{index}/date",
                f"статус снимается с {short(effective)}, раньше приказа "
                f"({short(order_date)}): задним числом статус не снимают",
            )
        if not any(start <= effective <= end for start, end in spans):
            yield Finding(
                f"/history/{index}/date",
                f"на {short(effective)} у площадки нет действующего срока статуса: "
                "досрочно снять можно только действующий статус",
            )
        for key, label in _AGREEMENTS.items():
            agreed = parse_date(event["agreed"][key])
            if agreed > order_date:
                yield Finding(
                    f"/history/{index}/agreed/{key}",
                    f"{label} ({short(agreed)}) позже приказа о снятии "
                    f"({short(order_date)}): по п. 6.10 оно предшествует приказу",
                )
