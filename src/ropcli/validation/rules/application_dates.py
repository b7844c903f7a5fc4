"""application-dates — the documents listed in the application existed when it was signed.

An application cannot list an order or a programme adopted after the application date: the
date is then mistyped, or the application date is.

Passes (application dated 2024-04-15)::

    implementation_order: {number: "112-о", date: 2021-08-30, url: …}

Fails (same application)::

    implementation_order: {number: "112-о", date: 2024-08-30, url: …}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import parse_date
from ropcli.validation.rules import Finding, SiteContext, get

ID = "application-dates"
SEVERITY = ERROR
SUMMARY = "документы заявки приняты не позже даты заявки"
CLAUSE = "прил. 1"


def check(site: SiteContext) -> Iterator[Finding]:
    applied = get(site.data, "application", "date")
    documents = get(site.data, "application", "documents")
    if applied is None or not isinstance(documents, dict):
        return
    application_date = parse_date(applied)
    for key, document in documents.items():
        dated = get(document, "date")
        if dated is not None and parse_date(dated) > application_date:
            yield Finding(
                f"/application/documents/{key}/date",
                f"документ датирован {short(parse_date(dated))}, позже заявки "
                f"({short(application_date)}): в заявке могут быть только уже принятые документы",
            )
