"""The rows that carry several fields, and the application's documents as one reference:
the passport's row 3 (forms, audience), 5 (goal, tasks), 6 (conditions, partners), 8
(resources by kind) and 12 (the contact) split at their sub-labels («Цель: …»), row 9
(the stages of the technology), and «приказ от 01.09.2023 № 141, https://…»."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from . import values
from .labels import classify

Path = tuple[str, ...]

WITH_YEAR = ("teacher_pairs_order", "participant_bases_order", "mentoring_program")

ACTS = re.compile(r"(?:основные\s+)?мероприятия\s*:", re.I)
METHODS = re.compile(r"(?:методики[^:]{0,80}|инструментарий):", re.I)
LEAD = re.compile(r"(?:этап\s*)?[0-9]{1,2}[.)]\s*", re.I)
PART = re.compile(
    r"^(?P<key>(?:основные\s+)?мероприятия|методики[^:]{0,80}|инструментарий)\s*:\s*(?P<rest>.*)$",
    re.I,
)


def _bare(text: str) -> str:
    """The text without spaces around it and one full stop at its end."""
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") else text


def stage_line(line: str) -> tuple[str, str, str] | None:
    """«Название. Основные мероприятия: …. Методики и инструментарий: ….» → its three
    parts: the first «мероприятия:» and the first «методики …:» after it, found once
    each (no pattern over the whole line that could backtrack)."""
    acts = ACTS.search(line)
    methods = METHODS.search(line, acts.end()) if acts else None
    if acts is None or methods is None:
        return None
    lead = LEAD.match(line)
    head = line[: acts.start()]
    name = _bare(head[lead.end() :] if lead else head) or _bare(head)
    parts = (name, _bare(line[acts.end() : methods.start()]), _bare(line[methods.end() :]))
    return parts if all(parts) else None


def technology(lines: Sequence[str]) -> list[dict[str, Any]]:
    """Row 9: a line per stage «Название. Основные мероприятия: …; …. Методики и
    инструментарий: …; ….», or the stage's name on a line and «Мероприятия: …» and
    «Методики: …» on the next ones."""
    stages: list[dict[str, Any]] = []
    for line in lines:
        whole, part = stage_line(line), PART.match(line)
        if whole:
            name, acts, methods = whole
            title = re.sub(r"^этап\s*[0-9]*\s*[.:]?\s*", "", name, flags=re.I) or name
            stages.append(
                {
                    "stage": title.strip(),
                    "activities": values.items([acts]),
                    "methods": values.items([methods]),
                }
            )
        elif part and stages:
            key = "activities" if "мероприят" in part["key"].lower() else "methods"
            stages[-1][key] = values.items([part["rest"]])
        else:
            bare = values.BULLET.sub("", line, count=1).strip().rstrip(".:")
            stages.append({"stage": bare, "activities": [], "methods": []})
    for stage in stages:
        if not stage["activities"] or not stage["methods"]:
            raise ValueError(
                f"этап «{stage['stage']}»: нужны «Основные мероприятия: …» и «Методики и "
                "инструментарий: …»"
            )
    if not stages:
        raise ValueError("пусто")
    return stages


SUBLABEL = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<rest>.*)$")
ROW_SUBFIELDS: dict[
    str, dict[str, Path]
] = {  # a sub-label's target → the path it fills in this row
    "row3": {
        "passport.forms": ("passport", "forms"),
        "passport.target_audience": ("passport", "target_audience"),
    },
    "row5": {"passport.goal": ("passport", "goal"), "passport.tasks": ("passport", "tasks")},
    "row6": {
        "passport.social_partners": ("passport", "social_partners"),
        "passport.conditions": ("passport", "conditions"),
    },
    "row8": {
        f"passport.resources.{k}": ("passport", "resources", k)
        for k in ("financial", "staffing", "material", "methodological")
    },
}
ROW_DEFAULT = {
    "row3": ("passport", "forms"),
    "row5": ("passport", "goal"),
    "row6": ("passport", "conditions"),
}


DASHED = re.compile(r"^(?P<label>[^:—–]{2,60}?)\s+[—–-]\s+(?P<rest>.*)$")


def split_row(row: str, lines: Sequence[str]) -> tuple[list[tuple[Path, list[str]]], list[str]]:
    """The parts of a row with several fields, at its sub-labels («Кадровые: …» or
    «Кадровые — …»), and the lines no sub-label claims (before the first, in a row
    without a default field): those are not read, and the caller says so."""
    parts: list[tuple[Path | None, list[str]]] = [(ROW_DEFAULT.get(row), [])]
    for line in lines:
        path = None
        for pattern in (SUBLABEL, DASHED):
            found = pattern.match(line)
            path = ROW_SUBFIELDS[row].get(classify(found["label"]) or "") if found else None
            if found and path is not None:
                parts.append((path, [found["rest"]] if found["rest"].strip() else []))
                break
        if path is None:
            parts[-1][1].append(line)
    unread = [line for p, ls in parts if p is None for line in ls]
    return [(p, ls) for p, ls in parts if p is not None and ls], unread


PHONE_AT = re.compile(r"телефон\s*:?\s*", re.I)
LAST_WORD = re.compile(r"\s\S*$")
MAIL_AT = re.compile(r"(?:электронная почта|e-?mail)\s*:?\s*", re.I)


def phone_and_email(line: str) -> tuple[str, str] | None:
    """«телефон: …, электронная почта: адрес» → the phone and the address (the last
    word): each sub-label found once, no pattern that could backtrack."""
    phone_at = PHONE_AT.search(line)
    if phone_at is None:
        return None
    tail = LAST_WORD.search(line)
    last_space = tail.start() if tail else -1
    for mail_at in MAIL_AT.finditer(line, phone_at.end() + 1):
        if mail_at.end() > last_space and mail_at.end() < len(line):
            phone = line[phone_at.end() : mail_at.start()].rstrip().removesuffix(",").rstrip()
            return (phone, line[mail_at.end() :]) if phone else None
    return None


def document(key: str, lines: Sequence[str], label: str) -> list[tuple[Path, Any]]:
    """A document of the application as one reference: «приказ от 01.09.2023 № 141,
    https://…» (the register's own wording included)."""
    text = " ".join(lines)
    base = ("application", "documents", key)
    result: list[tuple[Path, Any]] = []
    if key == "mentoring_regulation" and "отдельным положением" in text:
        text, separate = re.split(
            r";?\s*педагогическое наставничество оформлено отдельным положением", text, maxsplit=1
        )
        result += [((*base, "teachers_included"), False)]
        result += document("teachers_regulation", [separate], "")
    if key == "mentoring_program":  # «Название, утверждена 30 августа 2023 г., https://…»
        parts = re.split(r",\s*(?=утвержден|https?://)|\s+(?=от\s+[0-9«])", text, maxsplit=1)
        title = parts[0].strip().rstrip(",")
        if title and not values.URL.match(title) and _whole(title) is None:
            result.append(((*base, "title"), title))
        text = parts[1] if len(parts) > 1 else ""
    else:
        number = values.NUMBER.search(text)
        if number:
            result.append(((*base, "number"), number[1].strip()))
    link = values.URL.search(text)
    if link:
        result.append(((*base, "url"), values.url(link[0])))
    day = values.first_date(text)
    if day is not None:
        result.append(((*base, "date"), day))
    if key in WITH_YEAR:
        year = values.YEAR.search(label + " " + text)
        if year:
            result.append(((*base, "school_year"), values.school_year(year[0])))
    return result


def _whole(text: str) -> Any:
    """The date `text` is, when it is nothing but a date."""
    try:
        return values.date_of(text)
    except ValueError:
        return None
