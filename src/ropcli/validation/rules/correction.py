"""correction — a correction names a value of the file and keeps its type.

6.1: the register is append-only; a mistake in a recorded entry is corrected by a new
entry of `corrections:` (docs/changing-the-register.md). Its `pointer` names a value of the
file as first recorded (RFC 6901, list positions from 0), or the value, date or reason of
an earlier correction; its `value` is of the same type as the value it replaces (a date
for a date, text for a number of an order). A correction that does not is not applied:
every command keeps seeing the value as recorded.

Passes::

    reports:
      - {kind: annual, term: 1, year: 1, submitted: 2024-07-08, agreed: 2024-07-03}
    corrections:
      - {date: 2024-07-20, pointer: /reports/0/submitted, value: 2024-07-09,
         reason: дата перепутана при записи}

Fails::

    corrections:
      - {date: 2024-07-20, pointer: /reports/5/submitted, value: 2024-07-09, reason: …}
      - {date: 2024-07-20, pointer: /reports/0/submitted, value: девятое июля, reason: …}
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.problems import ERROR
from ropcli.validation.corrections import rejected
from ropcli.validation.rules import Finding, SiteContext

ID = "correction"
SEVERITY = ERROR
SUMMARY = "исправление указывает на значение файла и заменяет его значением того же вида"
CLAUSE = "6.1"


def check(site: SiteContext) -> Iterator[Finding]:
    # Judged on the file as recorded: `site.data` already has the corrections applied.
    for found in rejected(site.document.data):
        yield Finding(found.pointer, found.message)
