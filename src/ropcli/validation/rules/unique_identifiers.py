"""unique-identifiers — a site id, an ИНН and an ОГРН belong to one file of the register.

Two files with one ИНН are one organization registered twice (a copied file that was not
edited is the usual cause). Either file may be the wrong one, so the problem is reported on
every file that shares the value, naming another — and so `validate FILE` or a pull request
that adds the copy sees it, whatever the file names.

Passes: `sites/a.yaml` with `inn: "4632000002"` and `sites/b.yaml` with `inn: "4632000010"`.

Fails: both files with `inn: "4632000002"` — both are reported, each naming the other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from ropcli.core.problems import ERROR
from ropcli.validation.rules import Finding, SiteSummary

ID = "unique-identifiers"
SEVERITY = ERROR
SUMMARY = "id, ИНН и ОГРН не повторяются в реестре"
CLAUSE = None

_FIELDS = {"/id": "id", "/organization/inn": "ИНН", "/organization/ogrn": "ОГРН"}
KEYS = tuple(_FIELDS)


def check_registry(sites: Sequence[SiteSummary]) -> Iterator[tuple[SiteSummary, Finding]]:
    for pointer, label in _FIELDS.items():
        given = [site.values.get(pointer) for site in sites]
        counted = Counter([value for value in given if isinstance(value, str)])
        twice = {value for value, times in counted.items() if times > 1}
        holders: dict[str, list[SiteSummary]] = defaultdict(list)
        for site, value in zip(sites, given, strict=True) if twice else ():
            if isinstance(value, str) and value in twice:
                holders[value].append(site)
        for value, group in holders.items():
            for site in group if len(group) > 1 else ():
                other = next(s for s in group if s is not site)
                line, _ = other.document.position(pointer)
                more = f" и ещё в {len(group) - 2}" if len(group) > 2 else ""
                yield (
                    site,
                    Finding(
                        pointer,
                        f"{label} «{value}» указан и в {other.file} (строка {line}){more}: у "
                        "каждой площадки свой файл; объедините файлы или исправьте значение",
                    ),
                )
