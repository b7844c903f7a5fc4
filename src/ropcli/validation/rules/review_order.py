"""review-order — the application is agreed and reviewed after it was submitted.

6.6: the expert commission and the regional centre review the application «по согласованию
с муниципальным координатором». So the municipal agreement comes no earlier than the
application, and the expert conclusion no earlier than the agreement.

Passes::

    application: {date: 2024-04-15, …}
    review:
      municipal_agreement: {date: 2024-04-25, coordinator: …}
      expert_conclusion: {date: 2024-05-20, protocol: "3", decision: approved}

Fails::

    review:
      municipal_agreement: {date: 2024-04-10, coordinator: …}   # before the application
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import parse_date
from ropcli.validation.rules import Finding, SiteContext, get

ID = "review-order"
SEVERITY = ERROR
SUMMARY = "согласование и экспертное заключение — после заявки, по порядку"
CLAUSE = "6.6"


def check(site: SiteContext) -> Iterator[Finding]:
    applied = get(site.data, "application", "date")
    agreed = get(site.data, "review", "municipal_agreement", "date")
    concluded = get(site.data, "review", "expert_conclusion", "date")
    if applied is None:
        return
    application_date = parse_date(applied)
    if agreed is not None and parse_date(agreed) < application_date:
        yield Finding(
            "/review/municipal_agreement/date",
            f"согласование с муниципальным координатором ({short(parse_date(agreed))}) "
            f"раньше заявки ({short(application_date)})",
        )
    if concluded is not None:
        conclusion_date = parse_date(concluded)
        if conclusion_date < application_date:
            yield Finding(
                "/review/expert_conclusion/date",
                f"заключение экспертной комиссии ({short(conclusion_date)}) раньше "
                f"заявки ({short(application_date)})",
            )
        elif agreed is not None and conclusion_date < parse_date(agreed):
            yield Finding(
                "/review/expert_conclusion/date",
                f"заключение экспертной комиссии ({short(conclusion_date)}) раньше "
                f"согласования с муниципальным координатором "
                f"({short(parse_date(agreed))})",
            )
