"""school-year — application items 1.3–1.5 are for the current school year.

Приложение 1 asks for the orders on mentor pairs (1.3), on the bases of mentors and
mentees (1.4) and for the mentoring programme (1.5) «на текущий учебный год»: the school
year of the application date (it starts on 1 September).

Passes (application dated 2024-04-15, school year 2023/2024)::

    teacher_pairs_order: {number: "87-о", date: 2023-09-04, url: …, school_year: 2023/2024}

Fails (same application)::

    teacher_pairs_order: {number: "87-о", date: 2022-09-02, url: …, school_year: 2022/2023}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.dates import school_year, short
from ropcli.core.problems import ERROR
from ropcli.lifecycle import parse_date
from ropcli.validation.rules import Finding, SiteContext, get

ID = "school-year"
SEVERITY = ERROR
SUMMARY = "документы пп. 1.3–1.5 заявки — на учебный год даты заявки"
CLAUSE = "прил. 1 пп. 1.3–1.5"

ITEMS = {
    "teacher_pairs_order": "приказ о закреплении пар (п. 1.3)",
    "participant_bases_order": "приказ о базах наставников и наставляемых (п. 1.4)",
    "mentoring_program": "программа наставничества (п. 1.5)",
}


def check(site: SiteContext) -> Iterator[Finding]:
    applied = get(site.data, "application", "date")
    if applied is None:
        return
    applied_on = parse_date(applied)
    expected = school_year(applied_on)
    for key, label in ITEMS.items():
        given = get(site.data, "application", "documents", key, "school_year")
        if given is not None and given != expected:
            yield Finding(
                f"/application/documents/{key}/school_year",
                f"{label} должен быть на текущий учебный год — {expected} (заявка от "
                f"{short(applied_on)}), а указан {given}",
            )
