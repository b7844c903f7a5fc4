"""Row 12 of the passport, the contact person, in the ways it is written: as the register
prints it («ФИО, должность» and «телефон: …, электронная почта: …»), each part on a line
with its sub-label («Телефон: …»), or one part a line without sub-labels — a name of two
or three capitalised words, a position on the line after it, a phone number (after «тел.»
or not), an e-mail address. A line that is none of these is returned as not read."""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import values
from .labels import classify
from .rows import SUBLABEL, Path, phone_and_email

PHONE = re.compile(
    r"^(?:(?:тел(?:ефон)?|моб(?:ильный)?)\.?\s*:?\s*)?"
    r"(?P<phone>\+?[0-9(][0-9()\s\-–]{4,30}[0-9](?:,?\s*доб\.?\s*[0-9]{1,5})?)[.;,]?$",
    re.I,
)
NAME = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"(?:(?:\s+[А-ЯЁ][а-яё]+){1,2}|\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)$"
)
MAIL = re.compile(
    r"^(?:(?:e-?mail|эл\.?\s*почта|электронная почта)\s*:?\s*)?(?P<address>\S+@\S+)$", re.I
)
KEYS = ("name", "position", "phone", "email")


def _email(line: str) -> str | None:
    found = MAIL.match(line)
    if found is None:
        return None
    try:
        return values.email(found["address"])
    except ValueError:
        return None


def read(lines: Sequence[str]) -> tuple[list[tuple[Path, list[str]]], list[str]]:
    """The contact's fields found in the row's lines, and the lines not read."""
    found: dict[str, str] = {}
    others: list[str] = []
    for line in lines:
        both = phone_and_email(line)
        labelled = SUBLABEL.match(line)
        target = classify(labelled["label"]) if labelled else None
        phone, email = PHONE.match(line), _email(line)
        if both:
            found.setdefault("phone", both[0])
            found.setdefault("email", both[1])
        elif labelled and target and target.startswith("passport.contact."):
            found.setdefault(target.rsplit(".", 1)[1], labelled["rest"])
        elif phone and "phone" not in found:
            found["phone"] = phone["phone"]
        elif email and "email" not in found:
            found["email"] = email
        elif "name" not in found and NAME.match(line):
            found["name"] = line
        elif "name" not in found and not found and "," in line:
            name, position = line.split(",", 1)
            found["name"], found["position"] = name.strip(), position.strip()
        else:
            others.append(line)
    if "name" in found and "position" not in found and others:
        found["position"] = others.pop(0)  # the line after the name, as a form lays it out
    parts: list[tuple[Path, list[str]]] = [
        (("passport", "contact", key), [found[key]]) for key in KEYS if found.get(key)
    ]
    return parts, others
