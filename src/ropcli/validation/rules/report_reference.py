"""report-reference — a report entry answers a report the regulation requires.

4.2.5, 5.3: an annual report is due for every year of a term that ends before the term
does (years 1 and 2 of a 3-year term); the last year is covered by the final report. An
entry for a term that does not exist, for the last year, or for a period cut off by a
revocation answers nothing — usually the term or year number is mistyped. A warning: the
report is kept, but `ropcli reports` does not count it.

Passes (one 3-year term)::

    reports:
      - {kind: annual, term: 1, year: 1, submitted: 2025-07-10, agreed: 2025-07-05}

Warns (same site)::

    reports:
      - {kind: annual, term: 1, year: 3, submitted: 2027-07-10}   # year 3: the final report
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.problems import WARNING
from ropcli.lifecycle import unrequired_report_entries
from ropcli.validation.rules import Finding, SiteContext

ID = "report-reference"
SEVERITY = WARNING
SUMMARY = "отчёт относится к сроку и году, за которые отчёт требуется"
CLAUSE = "4.2.5"


def check(site: SiteContext) -> Iterator[Finding]:
    reports = site.data.get("reports") or []
    for index in unrequired_report_entries(site.data, site.settings):
        entry = reports[index]
        period = f"срок {entry['term']}" + (f", год {entry['year']}" if "year" in entry else "")
        kind = "ежегодный" if entry["kind"] == "annual" else "итоговый"
        yield Finding(
            f"/reports/{index}",
            f"{kind} отчёт за {period} не требуется: такого срока или года нет "
            "(ежегодные — за годы до последнего, за последний — итоговый); проверьте "
            "номер срока (term) и года (year)",
            at_key=True,
        )
