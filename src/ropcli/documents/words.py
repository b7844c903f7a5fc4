"""Russian words the documents need: dates, terms, counts, initials.

Plain functions of values the context already holds; no date arithmetic here — terms
arrive with their ends computed by `ropcli.lifecycle` — and no markup: each output
format escapes these strings itself (`ropcli.documents.environment`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ropcli.core import dates
from ropcli.core.labels import plural
from ropcli.lifecycle import parse_date

BLANK = "____"


def as_date(value: date | str) -> date:
    """Dates reach templates as `date` (computed) or ISO text (site files, settings)."""
    return parse_date(value)


def ru_date(value: date | str) -> str:
    """«20 июня 2024 г.»"""
    return dates.long(as_date(value))


def short_date(value: date | str) -> str:
    """«20.06.2024»"""
    return dates.short(as_date(value))


def years_word(count: int) -> str:
    """«1 год», «3 года», «5 лет»."""
    return f"{count} {plural(count, 'год', 'года', 'лет')}"


def days_within(count: int) -> str:
    """After «в течение»: «30 календарных дней», «21 календарного дня»."""
    return f"{count} {plural(count, 'календарного дня', 'календарных дней', 'календарных дней')}"


def term_text(start: date | str | None, end: date | str | None, years: int | None = None) -> str:
    """«с 20 июня 2024 г. по 19 июня 2027 г.»; a draft with no start yet: «3 года со дня
    издания приказа» (the order date fixes it when the order is signed)."""
    if start is not None and end is not None:
        return f"с {ru_date(start)} по {ru_date(end)}"
    if years is None:
        raise ValueError("a term needs its start and end, or its length in years")
    return f"{years_word(years)} со дня издания приказа"


def doc_ref(ref: Mapping[str, Any]) -> str:
    """A local act: «от 30 августа 2021 г. № 98-о» (the number is optional in some acts)."""
    text = f"от {ru_date(ref['date'])}"
    number = ref.get("number")
    return f"{text} № {number}" if number else text


def order_ref(number: str | None, day: date | None) -> str:
    """The Ministry order's requisites; a draft keeps blanks for what is not known yet."""
    return f"от {ru_date(day) if day else BLANK} № {number or BLANK}"


def initials(full_name: str) -> str:
    """«Воронцова Елена Николаевна» → «Е. Н. Воронцова» (signature blocks, ГОСТ Р 7.0.97).

    Names already written as initials and surname («А. В. Светлова») stay as they are.
    """
    parts = full_name.split()
    if len(parts) < 2 or parts[0].endswith("."):
        return full_name
    surname, *given = parts
    return " ".join([*(f"{name[0]}." for name in given), surname])


def salutation(full_name: str) -> str:
    """«Уважаемая Елена Николаевна!» — the patronymic tells which form; without one the
    letter addresses the position, never guessing."""
    parts = full_name.split()
    if len(parts) != 3:
        return "Уважаемый руководитель!"
    name, patronymic = parts[1], parts[2]
    if patronymic.endswith(("вна", "чна", "кызы")):
        return f"Уважаемая {name} {patronymic}!"
    if patronymic.endswith(("ич", "оглы")):
        return f"Уважаемый {name} {patronymic}!"
    return "Уважаемый руководитель!"


_GENITIVE_FIRST_WORDS = {
    "министерство": "министерства",
    "комитет": "комитета",
    "департамент": "департамента",
    "управление": "управления",
    "положение": "положения",
    "порядок": "порядка",
    "регламент": "регламента",
}


def genitive(name: str) -> str | None:
    """«Министерство образования…» → «Министерства образования…» («к приказу Министерства…»),
    «Положение о …» → «Положения о …» («в соответствии с пунктом 6.9 Положения о …»).

    Only the head word changes in such names; an unknown head word gives None, and the
    caller words the sentence without it rather than print a wrong case.
    """
    head, _, rest = name.partition(" ")
    found = _GENITIVE_FIRST_WORDS.get(head.lower())
    if found is None:
        return None
    if head[:1].isupper():
        found = found[:1].upper() + found[1:]
    return f"{found} {rest}" if rest else found
