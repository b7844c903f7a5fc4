"""identifier-checksums — the ИНН and ОГРН of the organization have valid check digits.

A mistyped digit in an ИНН or ОГРН goes into the Ministry's order and cannot be found in
ЕГРЮЛ. ИНН: weights 2, 4, 10, 3, 5, 9, 4, 6, 8 over digits 1–9, check digit = (Σ mod 11)
mod 10. ОГРН: check digit = (first 12 digits mod 11) mod 10, first digit 1 or 5.

Passes::

    inn: "4632000002"
    ogrn: "1024600000006"

Fails::

    inn: "4632000001"     # the check digit should be 2
"""

from __future__ import annotations

from collections.abc import Iterator

from ropcli.core.problems import ERROR
from ropcli.validation.rules import Finding, SiteContext, get

ID = "identifier-checksums"
SEVERITY = ERROR
SUMMARY = "контрольные цифры ИНН и ОГРН верны"
CLAUSE = None

_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn_check_digit(inn: str) -> int:
    return sum(w * int(d) for w, d in zip(_INN_WEIGHTS, inn[:9], strict=True)) % 11 % 10


def ogrn_check_digit(ogrn: str) -> int:
    return int(ogrn[:12]) % 11 % 10


def check(site: SiteContext) -> Iterator[Finding]:
    inn = get(site.data, "organization", "inn")
    inn_valid = isinstance(inn, str) and len(inn) == 10 and inn.isdigit()
    if inn_valid and inn_check_digit(inn) != int(inn[9]):
        yield Finding(
            "/organization/inn",
            f"ИНН «{inn}» с ошибкой: не сходится контрольная цифра; сверьте "
            "ИНН с выпиской из ЕГРЮЛ",
        )
    ogrn = get(site.data, "organization", "ogrn")
    if isinstance(ogrn, str) and len(ogrn) == 13 and ogrn.isdigit():
        if ogrn[0] not in "15":
            yield Finding(
                "/organization/ogrn",
                f"ОГРН «{ogrn}» юридического лица начинается с 1 или 5; сверьте его "
                "с выпиской из ЕГРЮЛ",
            )
        elif ogrn_check_digit(ogrn) != int(ogrn[12]):
            yield Finding(
                "/organization/ogrn",
                f"ОГРН «{ogrn}» с ошибкой: не сходится контрольная цифра; сверьте "
                "ОГРН с выпиской из ЕГРЮЛ",
            )
