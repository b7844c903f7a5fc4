"""Date conventions of Russian documents and of the school year."""

from __future__ import annotations

import datetime as dt
import functools
import re

# Dates outside these years are typos (9999-12-31 as "no end", 20024 for 2024); refusing
# them also keeps the arithmetic (+3 years, +30 days) far from the calendar's end.
FIRST_YEAR, LAST_YEAR = 1900, 2199
# The two ways dates are written: ISO in files (2024-06-20), and the dotted form of Russian
# documents (20.06.2024; a slash is taken too, as people type it). Use with `fullmatch`.
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DOTTED_DATE = re.compile(r"([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})")

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@functools.lru_cache(maxsize=4096)  # a table of 100,000 reports repeats its dates
def short(day: dt.date) -> str:
    """«20.06.2024» — tables and messages."""
    return day.strftime("%d.%m.%Y")


def long(day: dt.date) -> str:
    """«20 июня 2024 г.» — document text (no leading zero, genitive month)."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def school_year(day: dt.date) -> str:
    """The school year starts on 1 September: 2023-09-01 and 2024-08-31 are both 2023/2024."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


def in_range(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_typed(text: str) -> dt.date:
    """A date a person typed on the command line: ГГГГ-ММ-ДД, or ДД.ММ.ГГГГ as documents
    write it. Raises ValueError with a Russian message that says what to type."""
    text = text.strip()
    iso, dotted = ISO_DATE.fullmatch(text), DOTTED_DATE.fullmatch(text)
    if not iso and not dotted:
        raise ValueError(f"«{text}» — не дата: пишите ГГГГ-ММ-ДД (2026-09-01) или ДД.ММ.ГГГГ")
    year, month, day = (
        (int(iso[1]), int(iso[2]), int(iso[3]))
        if iso
        else (int(dotted[3]), int(dotted[2]), int(dotted[1]))  # type: ignore[index]
    )
    return calendar_day(year, month, day, text)


def calendar_day(year: int, month: int, day: int, text: str) -> dt.date:
    """The day, or ValueError in Russian naming `text` (where the numbers came from): no such
    day in the calendar, or a year outside the register's range."""
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"«{text}» — такого дня в календаре нет") from None
    if not in_range(result):
        raise ValueError(f"«{text}» — год вне допустимого диапазона {FIRST_YEAR}–{LAST_YEAR}")
    return result
