"""Date conventions of Russian documents and of the school year (domain-notes.md)."""

from __future__ import annotations

import datetime as dt

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
