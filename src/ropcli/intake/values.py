"""Text of a Word cell → a value of the site file's format (docs/format.md). Each parser
returns the value or raises `ValueError` with a Russian message saying what to write.

Dates: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД or in words («14 апреля 2023 г.», ««14» апреля 2023 года»);
ИНН, ОГРН: digits, spaces and dashes dropped; links: trailing punctuation dropped, `www.…`
gets `https://`; lists: one item a line, after a dash, bullet or number, or «;» between
items on one line; coded values by their Russian words (core.labels).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from ropcli.core.dates import DOTTED_DATE, ISO_DATE, MONTHS_GENITIVE, calendar_day
from ropcli.core.labels import SITE_TYPE_WORDS, folded, lookup, municipality_words
from ropcli.core.vocab import canonical_form

MONTH = "|".join(MONTHS_GENITIVE)
WORDS_DATE = re.compile(
    rf"[«\"“]?\s*([0-9]{{1,2}})\s*[»\"”]?\s+({MONTH})\s+([0-9]{{4}})(?:\s*(?:г\.?|года?)\b\.?)?",
    re.I,
)
ANY_DATE = re.compile(
    rf"{WORDS_DATE.pattern}|\b[0-9]{{1,2}}[./][0-9]{{1,2}}[./][0-9]{{4}}\b|\b[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\b",
    re.I,
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+", re.I)
TRAILING = ".,;:!?)»\"'”]"
BULLET = re.compile(r"^\s*(?:[-–—•·*▪◦‣●○]|[0-9]{1,2}[.)]|[а-яa-z][)])\s*", re.I)
YEAR = re.compile(r"\b([0-9]{4})\s*[/–—-]\s*([0-9]{2}|[0-9]{4})\b")
NUMBER = re.compile(r"№\s*([^\s,;]+(?:\s*-\s*[^\s,;]+)?)")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def plain(lines: Sequence[str]) -> str:
    """Free text: the lines as one, spaces tidied; empty → ValueError."""
    value = " ".join(" ".join(lines).split())
    if not value:
        raise ValueError("пусто")
    return value


def items(lines: Sequence[str]) -> list[str]:
    """A list: a line per item (a leading dash, bullet or number dropped, a trailing «;»
    or «,» too); one line with «;» between items is split there."""
    rows = [line for line in lines if line.strip()]
    if len(rows) == 1 and ";" in rows[0]:
        rows = rows[0].split(";")
    result = []
    for row in rows:
        item = BULLET.sub("", row.strip(), count=1).strip().rstrip(";,").strip()
        if item:
            result.append(item)
    if not result:
        raise ValueError("пусто")
    last = result[-1]
    ended = last.endswith(".") and not last.endswith("..")
    if len(result) > 1 and ended and not any(r.endswith(".") for r in result[:-1]):
        result[-1] = last[:-1].rstrip()  # «…; …; последний.»
    return result


def date_of(text: str) -> dt.date:
    """One date, the whole text: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД or «14 апреля 2023 г.»."""
    value = " ".join(text.split()).strip().rstrip(".,;").strip()
    value = re.sub(r"\s*(г|года?)$", "", value).strip()
    value = re.sub(r"^от\s+", "", value, flags=re.I)  # «от 01.09.2021 г.», as in an order
    iso, dotted = ISO_DATE.fullmatch(value), DOTTED_DATE.fullmatch(value)
    if iso:
        return calendar_day(int(iso[1]), int(iso[2]), int(iso[3]), text)
    if dotted:
        return calendar_day(int(dotted[3]), int(dotted[2]), int(dotted[1]), text)
    words = WORDS_DATE.fullmatch(value)
    if words:
        month = MONTHS_GENITIVE.index(words[2].lower()) + 1
        return calendar_day(int(words[3]), month, int(words[1]), text)
    raise ValueError(
        f"«{text}» — не дата: пишите ДД.ММ.ГГГГ (14.04.2023) или словами (14 апреля 2023 г.)"
    )


def first_date(text: str) -> dt.date | None:
    found = ANY_DATE.search(text)
    return date_of(found[0]) if found else None


def digits(text: str, count: int, what: str) -> str:
    """ИНН, ОГРН: the digits, spaces and dashes between them dropped."""
    value = re.sub(r"^\s*(?:инн|огрн)\b\.?\s*:?\s*", "", text, flags=re.I)  # «ИНН 46…»
    value = re.sub(r"[\s\u00a0\-–]", "", value)
    if not value.isascii() or not value.isdigit() or len(value) != count:
        raise ValueError(f"«{text}» — {what}: нужно {count} цифр")
    return value


DOMAIN = re.compile(r"^(?:[^\W_][\w-]*\.)+[^\W\d_]{2,}(?:/\S*)?$")  # sosh7.example.ru/…


def url(text: str) -> str:
    """A link; `www.…` and a bare domain (`sosh7.example.ru`) get `https://`."""
    found = URL.search(text)
    bare = text.strip().rstrip(TRAILING)
    if found is None and DOMAIN.match(bare) and "@" not in bare:
        return f"https://{bare}"
    if found is None:
        raise ValueError(f"«{text}» — не ссылка: нужен полный адрес, начиная с https://")
    value = found[0].rstrip(TRAILING)
    return value if value.lower().startswith("http") else f"https://{value}"


def email(text: str) -> str:
    value = plain([text]).removeprefix("mailto:").strip().rstrip(TRAILING)
    if not EMAIL.fullmatch(value):
        raise ValueError(f"«{text}» — не адрес электронной почты (нужен вид school@example.ru)")
    return value


def school_year(text: str) -> str:
    found = YEAR.search(text)
    if found is None:
        raise ValueError(f"«{text}» — не учебный год: пишите 2023/2024")
    first, second = int(found[1]), found[2]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last != first + 1:
        raise ValueError(f"«{text}» — учебный год — два года подряд, например 2023/2024")
    return f"{first}/{last}"


def yes_no(text: str) -> bool:
    word = folded(text).strip(TRAILING + " ")
    if word in ("да", "включает", "включено", "+", "yes", "true"):
        return True
    if word in ("нет", "не включает", "отдельное положение", "-", "no", "false"):
        return False
    raise ValueError(f"«{text}» — напишите «да» или «нет»")


def site_type(text: str) -> str:
    code = lookup(text.strip().rstrip("."), SITE_TYPE_WORDS)
    if code is None:
        raise ValueError(f"«{text}» — тип организации: школа, дополнительное образование, колледж")
    return code


def municipality(text: str, names: Mapping[str, str]) -> str:
    value = text.strip().rstrip(".")
    code = lookup(value, municipality_words(names))
    if code is None:
        code = lookup(
            re.sub(r"^(муниципальн\w+|городск\w+) \w+\s*", "", value),
            {c: w for c, w in municipality_words(names).items()},
        )
    if code is None:
        raise ValueError(f"«{text}» — нет такого муниципального образования в справочнике реестра")
    return code


def mentoring_forms(lines: Sequence[str], known: Sequence[str]) -> list[str]:
    """Forms of mentoring from the vocabulary, quotes and dashes of any kind."""
    table = {folded(form): form for form in known}
    result = []
    for item in items(lines):
        bare = item.strip(" «»\"“”'.")
        bare = re.sub(r"^форм[аы]( наставничества)?\s*:?\s*", "", bare, flags=re.I)
        form = table.get(folded(canonical_form(bare.strip(" «»\"“”'"))))
        if form is None:
            raise ValueError(
                f"«{item}» — нет такой формы наставничества (см. ropcli schema common)"
            )
        result.append(form)
    return result
