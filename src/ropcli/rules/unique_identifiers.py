"""unique-identifiers — a site id, an ИНН and an ОГРН belong to one file of the register.

Two files with one ИНН are one organization registered twice (a copied file that was not
edited is the usual cause). The problem is reported on every file after the first, naming
the first.

Passes: `sites/a.yaml` with `inn: "4632000002"` and `sites/b.yaml` with `inn: "4632000010"`.

Fails: both files with `inn: "4632000002"` — the second is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ropcli.problems import ERROR
from ropcli.rules import Finding, SiteSummary

ID = "unique-identifiers"
SEVERITY = ERROR
SUMMARY = "id, ИНН и ОГРН не повторяются в реестре"
CLAUSE = None

_FIELDS = {"/id": "id", "/organization/inn": "ИНН", "/organization/ogrn": "ОГРН"}
KEYS = tuple(_FIELDS)


def check_registry(sites: Sequence[SiteSummary]) -> Iterator[tuple[SiteSummary, Finding]]:
    for pointer, label in _FIELDS.items():
        first: dict[str, SiteSummary] = {}
        for site in sites:
            value = site.values.get(pointer)
            if not isinstance(value, str):
                continue
            if value in first:
                other = first[value]
                line, _ = other.document.position(pointer)
                yield (
                    site,
                    Finding(
                        pointer,
                        f"{label} «{value}» уже указан в {other.file} (строка {line}): у каждой "
                        "площадки свой файл; объедините файлы или исправьте значение",
                    ),
                )
            else:
                first[value] = site
