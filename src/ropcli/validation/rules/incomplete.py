"""incomplete — a draft's field still to fill (a warning while the application has no date).

A new site is entered before its papers are ready: `ropcli new` writes a file whose
organization, application (Приложение 1) and passport of the practice (прил. 1 п. 2) fields
are empty, and `ropcli import` fills what a Word form gave. While the application has no
date (`application.date` absent or empty), the site is a **draft**: each empty or missing
field of `organization`, `application` and `passport` is one warning, at the field's line
(or, for a missing key, at the nearest key that is there), and no command refuses or
changes its exit code because of it. A value that is written but wrong — an ИНН with a bad
check digit, a date not in the calendar, a word not in the vocabulary, text where a list
belongs — is an error in a draft as anywhere. Once the application has a date, every empty
field is an error again (`type`, `required`, `schema`): a dated application is complete.
The list of fields is `ropcli.validation.completeness.missing_fields`.

Passes (the application is dated, every field filled)::

    application:
      outgoing_number: "01-12/214"
      date: 2023-04-14

Warns (no date yet; the website is empty)::

    organization:
      website:
    application:
      outgoing_number: "01-12/214"
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.problems import WARNING
from ropcli.validation.completeness import is_draft, missing_fields
from ropcli.validation.rules import Finding, SiteContext

ID = "incomplete"
SEVERITY = WARNING
SUMMARY = (
    "черновик (у заявки нет даты): незаполненное поле организации, заявки или паспорта — "
    "предупреждение, с датой заявки — ошибка"
)
CLAUSE = "прил. 1"


def check(site: SiteContext) -> Iterator[Finding]:
    if not is_draft(site.data):
        return
    for field in missing_fields(site.data):
        what = "не заполнено" if field.present else "нет в файле"
        yield Finding(
            field.pointer,
            f"«{field.heading}» ({field.path}): {what} — площадка ещё черновик (у заявки нет "
            "даты); заполните до подачи заявки",
            at_key=not field.present,
            clause=field.clause,
        )
