"""schedule-dates — project stages and open events are dated sensibly.

3.2, 4.2.2: the innovation project is agreed and then carried out «в установленные сроки»;
3.5: open events for other organizations are what a site does while it holds the status.
So a stage is due no earlier than the project's agreement and is done no earlier than it;
an event happens within a term of the status. A warning: the date is likely mistyped, but
a real exception is possible.

Passes::

    project:
      agreed: {municipal: 2024-04-25, regional_center: 2024-05-20}
      stages: [{title: …, due: 2025-05-31, done: 2025-05-20}]

Warns::

    stages: [{title: …, due: 2023-05-31}]     # before the project was agreed
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import WARNING
from ropcli.lifecycle import parse_date, terms
from ropcli.validation.rules import Finding, SiteContext, get

ID = "schedule-dates"
SEVERITY = WARNING
SUMMARY = "этапы проекта и мероприятия датированы правдоподобно"
CLAUSE = "3.2"


def check(site: SiteContext) -> Iterator[Finding]:
    agreed = get(site.data, "project", "agreed")
    if isinstance(agreed, dict) and agreed:
        agreed_on = max(parse_date(d) for d in agreed.values())
        for index, stage in enumerate(get(site.data, "project", "stages") or []):
            for key in ("due", "done"):
                if key in stage and parse_date(stage[key]) < agreed_on:
                    word = "срок этапа" if key == "due" else "этап выполнен"
                    yield Finding(
                        f"/project/stages/{index}/{key}",
                        f"{word} {short(parse_date(stage[key]))} — раньше "
                        f"согласования проекта ({short(agreed_on)})",
                    )
    spans = terms(site.data)
    for index, activity in enumerate(site.data.get("activities") or []):
        held = parse_date(activity["date"])
        if spans and not any(term.contains(held) for term in spans):
            yield Finding(
                f"/activities/{index}/date",
                f"мероприятие {short(held)} проведено вне срока статуса (п. 3.5): проверьте дату",
            )
