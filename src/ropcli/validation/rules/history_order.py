"""history-order — status events are in date order and follow the life of a status.

The history is append-only (6.1, 6.7–6.10): events stand oldest first, the first status
event is the assignment, and after an early revocation only a new assignment (after a new
application and review) may follow. An event's date is its order's date, or its own
`date` for an extension request.

Passes::

    history:
      - {event: assigned, order: {number: "1-456", date: 2024-06-20}, term: …}
      - {event: extension_requested, date: 2027-03-01, innovation: …}
      - {event: extended, order: {number: "1-300", date: 2027-06-01}, term: …}

Fails::

    history:
      - {event: extended, order: {number: "1-300", date: 2027-06-01}, term: …}
      - {event: assigned, order: {number: "1-456", date: 2024-06-20}, term: …}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.labels import EVENT_LABELS
from ropcli.core.problems import ERROR
from ropcli.lifecycle import event_date
from ropcli.validation.rules import Finding, SiteContext

ID = "history-order"
SEVERITY = ERROR
SUMMARY = "события истории идут по датам и по жизни статуса"
CLAUSE = "6.1"

_LABELS = EVENT_LABELS


def check(site: SiteContext) -> Iterator[Finding]:
    previous = None
    holds = False  # a status was assigned and not revoked
    for index, event in enumerate(site.data.get("history") or []):
        kind = event["event"]
        when = event_date(event)
        if when is None:
            continue
        if previous is not None and when < previous:
            yield Finding(
                f"/history/{index}",
                f"событие «{_LABELS[kind]}» от {short(when)} "
                f"стоит после события от {short(previous)}: события идут по порядку "
                "дат, новые — в конец списка",
                at_key=True,
            )
        previous = max(when, previous) if previous else when
        if kind == "assigned":
            if holds:
                yield Finding(
                    f"/history/{index}",
                    "статус уже присвоен: повторное присвоение "
                    "возможно только после досрочного снятия; для нового срока "
                    "используйте продление (extended)",
                    at_key=True,
                )
            holds = True
        elif not holds:
            yield Finding(
                f"/history/{index}",
                f"событие «{_LABELS[kind]}» без действующего "
                "статуса: сначала присвоение (assigned); после досрочного снятия — "
                "только новое присвоение по новой заявке",
                at_key=True,
            )
        elif kind == "revoked":
            holds = False
