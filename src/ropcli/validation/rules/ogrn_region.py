"""ogrn-region — the ОГРН was issued in Kursk region (digits 4–5 are 46).

The register is of Kursk region; an organization registered elsewhere is unusual but
possible (a branch), so this is a warning, not an error.

Passes::

    ogrn: "1024600000006"

Warns::

    ogrn: "1027700132195"     # digits 4–5 are 77: registered in Moscow
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.problems import WARNING
from ropcli.validation.rules import Finding, SiteContext, get

ID = "ogrn-region"
SEVERITY = WARNING
SUMMARY = "ОГРН выдан в Курской области (код региона 46)"
CLAUSE = None

KURSK_REGION_CODE = "46"


def check(site: SiteContext) -> Iterator[Finding]:
    ogrn = get(site.data, "organization", "ogrn")
    if not (isinstance(ogrn, str) and len(ogrn) == 13 and ogrn.isascii() and ogrn.isdigit()):
        return  # not an ОГРН at all: the format check says so, a region code would be noise
    if ogrn[3:5] != KURSK_REGION_CODE:
        yield Finding(
            "/organization/ogrn",
            f"ОГРН «{ogrn}» выдан не в Курской области (код региона {ogrn[3:5]}, "
            f"а не {KURSK_REGION_CODE}); проверьте, та ли это организация",
        )
