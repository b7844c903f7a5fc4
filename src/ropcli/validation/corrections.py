"""Corrections: the site's data as it is meant, with the `corrections:` list applied.

The register is append-only (6.1): an entry once recorded is not edited; a mistake in it is
corrected by a new entry of `corrections:` — `{date, pointer, value, reason}`, where
`pointer` (RFC 6901) names a value of the file as first recorded and `value` replaces it.
Every command works on the *effective* data this module gives — `check_file` applies it
right after loading, so the schema, the rules, the cache, `status`, `reports`, `render`
and `record` all see the corrected values; the file itself is never rewritten.

The id, ИНН and ОГРН are not corrected this way (they are compared across the register).
A correction may correct an earlier correction (`/corrections/0/value`); later corrections
of the same value win. A correction whose pointer names nothing, names the `corrections`
list itself or a later correction, or whose value is not of the type of the value it
replaces is not applied; the rule `correction` reports it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ropcli.core.dates import ISO_DATE
from ropcli.yamlio import split_pointer

KEY = "corrections"
# Compared across the register, and read from the first lines of files nobody asked to
# check (`scan_values`): they are not corrected by an entry. The id is the file's name; ИНН
# and ОГРН are facts about the organization, whose section is edited in place.
IDENTITY = ("/id", "/organization/inn", "/organization/ogrn")


@dataclass(frozen=True)
class Rejected:
    """A correction that is not applied: where in the file, and why (in Russian)."""

    pointer: str
    message: str


def _kind(value: Any) -> str:
    """The type of a value as a person names it (a date is not text, a whole number is not
    a yes/no)."""
    if isinstance(value, bool):
        return "да/нет"
    if isinstance(value, int):
        return "целое число"
    if isinstance(value, float):
        return "число"
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return "дата"
    if isinstance(value, str):
        return "текст"
    if isinstance(value, list):
        return "список"
    if isinstance(value, dict):
        return "словарь"
    return "пустое значение"


def resolve(data: Any, tokens: list[str]) -> tuple[Any, str | int] | None:
    """The container holding the value `tokens` names, and its key; None if it names nothing."""
    parent: Any = None
    key: str | int = ""
    current = data
    for token in tokens:
        if isinstance(current, dict) and token in current:
            parent, key, current = current, token, current[token]
        elif isinstance(current, list) and token.isdigit() and str(int(token)) == token:
            index = int(token)
            if index >= len(current):
                return None
            parent, key, current = current, index, current[index]
        else:
            return None
    return (parent, key) if parent is not None else None


def _entries(data: Any) -> list[Any]:
    entries = data.get(KEY) if isinstance(data, dict) else None
    return entries if isinstance(entries, list) else []


def _judge(raw: Any, index: int, entry: Any) -> tuple[list[str], Rejected | None]:
    """The tokens a well-formed correction names in the raw data, or why it is rejected."""
    at = f"/{KEY}/{index}"
    if not isinstance(entry, dict) or not isinstance(entry.get("pointer"), str):
        return [], None  # the schema reports its shape
    if "value" not in entry:
        return [], None
    pointer = entry["pointer"]
    tokens = split_pointer(pointer) if pointer.startswith("/") else None
    found = resolve(raw, tokens) if tokens else None
    if tokens is None or found is None:
        return [], Rejected(
            f"{at}/pointer",
            f"исправление указывает на «{pointer}», а такого значения в файле нет: путь — "
            "как в файле при первой записи, например /reports/0/submitted (номера с 0)",
        )
    if tokens[0] == KEY and (len(tokens) < 3 or tokens[2] == "pointer" or int(tokens[1]) >= index):
        return [], Rejected(
            f"{at}/pointer",
            f"исправление «{pointer}» может исправлять только значение, дату или причину "
            "более раннего исправления, например /corrections/0/value",
        )
    if pointer in IDENTITY:
        return [], Rejected(
            f"{at}/pointer",
            f"{pointer} не исправляется записью: id — это имя файла, а ИНН и ОГРН исправьте "
            "прямо в разделе organization (он не только дополняется)",
        )
    parent, key = found
    old, new = parent[key], entry["value"]
    if _kind(old) != _kind(new):
        return [], Rejected(
            f"{at}/value",
            f"исправленное значение — {_kind(new)}, а в {pointer} записано значение "
            f"другого вида ({_kind(old)}): исправление заменяет значение значением того же "
            "вида (дату — датой, номер — текстом в кавычках)",
        )
    return tokens, None


def rejected(raw: Any) -> Iterator[Rejected]:
    """Corrections of the raw data that are not applied, and why."""
    for index, entry in enumerate(_entries(raw)):
        problem = _judge(raw, index, entry)[1]
        if problem is not None:
            yield problem


def effective(raw: Any) -> Any:
    """The data with every applicable correction applied; `raw` itself when there are none
    (nothing is copied) — `raw` is never changed."""
    entries = _entries(raw)
    if not entries:
        return raw
    data = copy.deepcopy(raw)
    fixes = data[KEY]
    judged = [_judge(raw, i, entry)[0] for i, entry in enumerate(entries)]
    # Corrections of corrections first, latest first: a chain c2 → c1 → c0 ends in c0.
    for index in reversed(range(len(fixes))):
        tokens = judged[index]
        if tokens and tokens[0] == KEY:
            parent, key = resolve(data, tokens) or (None, "")
            if parent is not None:
                parent[key] = copy.deepcopy(fixes[index]["value"])
    for index, tokens in enumerate(judged):
        if tokens and tokens[0] != KEY:
            parent, key = resolve(data, tokens) or (None, "")
            if parent is not None:
                parent[key] = copy.deepcopy(fixes[index]["value"])
    return data
