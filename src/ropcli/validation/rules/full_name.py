"""full-name — the names of people in a site file are written in full, not as initials.

The head of the organization signs the application over the «расшифровка подписи» (прил.
1), and the passport's row 12 names the contact person; the file asks for «Фамилия, имя и
отчество полностью». Documents of the center address these people by name in the dative
(«Руководителю … Ковалёвой Ольге Николаевне»): initials cannot be declined, so a document
made from them reads wrong. A name of one word is not a full name either. A warning: a
name may be written so on purpose, and the file is still checked as a whole.

Passes::

    head: {name: Ковалёва Ольга Николаевна, position: директор}

Warns::

    head: {name: Ковалёва О. Н., position: директор}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropcli.core.problems import WARNING
from ropcli.validation.rules import Finding, SiteContext, get

ID = "full-name"
SEVERITY = WARNING
SUMMARY = "ФИО руководителя, подписавшего заявку и контактного лица — полностью, не инициалами"
CLAUSE = "прил. 1"

PEOPLE = {
    ("organization", "head", "name"): ("руководителя организации", "прил. 1"),
    ("application", "signed_by", "name"): ("подписавшего заявку", "прил. 1"),
    ("passport", "contact", "name"): ("контактного лица паспорта", "прил. 1 п. 2"),
}
INITIAL = re.compile(r"(?<!\w)\w\s*\.")  # «О.», «О. Н.», «О.Н.»


def short_form(name: str) -> str | None:
    """Why a name is not written in full — «инициалами», «одним словом» — or None."""
    if INITIAL.search(name):
        return "инициалами"
    if len(name.split()) == 1:
        return "одним словом"
    return None


def check(site: SiteContext) -> Iterator[Finding]:
    for path, (whose, clause) in PEOPLE.items():
        name = get(site.data, *path)
        if not isinstance(name, str) or not name.strip():
            continue  # empty: the schema or the draft check says so
        how = short_form(name)
        if how is not None:
            yield Finding(
                "/" + "/".join(path),
                f"ФИО {whose} записано {how} («{name.strip()}»): нужны фамилия, имя и "
                "отчество полностью, например Иванова Мария Петровна — в документах центра "
                "ФИО склоняется («Руководителю … Ивановой Марии Петровне»), инициалы — нет",
                clause=clause,
            )
