"""order-after-review — the status is assigned only after a positive conclusion.

6.6–6.7: the Ministry's order follows the municipal agreement and a positive expert
conclusion. An `assigned` event without them, before them, or after a negative conclusion
is an error.

Passes::

    review:
      municipal_agreement: {date: 2024-04-25, coordinator: …}
      expert_conclusion: {date: 2024-05-20, protocol: "3", decision: approved}
    history:
      - {event: assigned, order: {number: "1-456", date: 2024-06-20}, term: …}

Fails::

    expert_conclusion: {date: 2024-05-20, protocol: "3", decision: rejected}
    history:
      - {event: assigned, order: {number: "1-456", date: 2024-06-20}, term: …}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import parse_date
from ropcli.validation.rules import Finding, SiteContext, get

ID = "order-after-review"
SEVERITY = ERROR
SUMMARY = "приказ о присвоении — после согласования и положительного заключения"
CLAUSE = "6.7"


def check(site: SiteContext) -> Iterator[Finding]:
    conclusion = get(site.data, "review", "expert_conclusion")
    agreement = get(site.data, "review", "municipal_agreement")
    for index, event in enumerate(site.data.get("history") or []):
        if event.get("event") != "assigned":
            continue
        pointer = f"/history/{index}/order/date"
        order_date = parse_date(event["order"]["date"])
        if conclusion is None:
            yield Finding(
                pointer,
                "приказ о присвоении статуса есть, а заключения экспертной "
                "комиссии нет: добавьте review.expert_conclusion",
            )
        elif conclusion.get("decision") != "approved":
            yield Finding(
                pointer,
                "приказ о присвоении статуса при отрицательном заключении "
                "экспертной комиссии: статус присваивается только при положительном",
            )
        elif parse_date(conclusion["date"]) > order_date:
            yield Finding(
                pointer,
                f"приказ ({short(order_date)}) раньше заключения экспертной "
                f"комиссии ({short(parse_date(conclusion['date']))})",
            )
        if agreement is None:
            yield Finding(
                pointer,
                "приказ о присвоении статуса есть, а согласования с "
                "муниципальным координатором нет: добавьте review.municipal_agreement",
            )
        elif parse_date(agreement["date"]) > order_date:
            yield Finding(
                pointer,
                f"приказ ({short(order_date)}) раньше согласования с "
                f"муниципальным координатором ({short(parse_date(agreement['date']))})",
            )
