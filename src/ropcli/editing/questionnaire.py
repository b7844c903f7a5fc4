"""The questions of `ropcli fill`: the empty fields of a site file as questions — the schema's
Russian title and description, the kind of answer each takes, the vocabulary to choose from.

Which fields are empty is `ropcli.validation.completeness.missing_fields` (the organization,
the application and the passport, in the order of the schema; missing optional keys are
not asked). Two of its fields stand for several questions, which are asked one by one: an
empty list of stages (`technology: []`) is asked as its first stage, and an empty mapping of
optional kinds (`resources: {}`, «хотя бы один вид») as each kind. `ropcli.editing.answers`
checks and saves the answers.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ropcli.core.labels import SITE_TYPE_WORDS, municipality_words
from ropcli.core.settings import Settings
from ropcli.validation.completeness import MissingField, missing_fields, schema_titles
from ropcli.yamlio import join_pointer

SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "organization": ("организация",),
    "application": ("заявка",),
    "passport": ("паспорт", "паспорт практики"),
}
Token = str | int
Words = Mapping[str, tuple[str, ...]]
_IDENTIFIER_KEYS = ("number", "outgoing_number", "phone")  # written in quotes: "01-12/345"


@dataclass(frozen=True)
class Field:
    """One question: where its answer goes, what the schema calls it, what answer it takes.

    `kind`: text, identifier (text written in quotes: ИНН, ОГРН, номер приказа, телефон), date,
    url, email, school_year, pattern, choice, yes_no, integer — or, for a list asked item by
    item, text_list and choice_list. `choices`: code → the Russian words accepted for it;
    `heading`: the titles of the parts the field is in («Заявка › Документы › …»).
    """

    path: tuple[Token, ...]
    title: str
    description: str
    kind: str
    heading: tuple[str, ...] = ()
    choices: Words = field(default_factory=dict)
    pattern: str | None = None
    check_digits: str | None = None  # "inn" or "ogrn": the check digit is checked too

    @property
    def pointer(self) -> str:
        return join_pointer(*self.path)

    @property
    def section(self) -> str:
        return str(self.path[0])

    @property
    def is_list(self) -> bool:
        return self.kind in ("text_list", "choice_list")


def is_empty(value: Any) -> bool:
    """`key:`, `key: ""`, `key: []`, `key: {}` — written but not filled."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, dict)) and not value)


def _path(pointer: str) -> tuple[Token, ...]:
    return tuple(int(t) if t.isdigit() else t for t in pointer.strip("/").split("/"))


def _heading(path: tuple[Token, ...]) -> tuple[str, ...]:
    """The titles of the mappings and list items a field is in, read from the schemas."""
    return schema_titles(path[:-1])


def _items(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    items = schema.get("items")
    return items if isinstance(items, Mapping) else {}


def _vocabulary(path: tuple[Token, ...], schema: Mapping[str, Any], settings: Settings) -> Any:
    items = _items(schema)
    if path[-1] == "municipality":
        return municipality_words({m.id: m.name for m in settings.municipalities.values()})
    if str(items.get("$ref", "")).endswith("/mentoring_form"):
        return {form: () for form in settings.mentoring_forms}
    if list(schema.get("enum") or ()) == list(SITE_TYPE_WORDS):
        return SITE_TYPE_WORDS
    if "enum" in schema:
        return {str(value): () for value in schema["enum"]}
    return None


def _field(missing: MissingField, settings: Settings) -> Field:
    path = _path(missing.pointer)
    schema = missing.schema
    kind, fmt, key = schema.get("type"), schema.get("format"), path[-1]
    words = _vocabulary(path, schema, settings)
    pattern, digits = schema.get("pattern"), None
    if kind == "array":
        kind = "text_list" if words is None else "choice_list"
    elif words is not None:
        kind = "choice"
    elif kind in ("boolean", "integer"):
        kind = {"boolean": "yes_no"}.get(kind, kind)
    elif fmt in ("date", "uri", "email"):
        kind = {"uri": "url"}.get(fmt, fmt)
    elif key in ("inn", "ogrn"):
        kind, digits = "identifier", str(key)
    elif key == "school_year":
        kind = "school_year"
    elif key in _IDENTIFIER_KEYS:
        kind = "identifier"
    else:
        kind = "pattern" if pattern else "text"
    heading = _heading(path)
    description = _without_codes(missing.description, words or {})
    return Field(path, missing.title, description, kind, heading, words or {}, pattern, digits)


def _without_codes(description: str, words: Words) -> str:
    """A description without the sentences and parts that name a vocabulary's codes
    («school — …», «например kursk (город Курск)»): the coordinator chooses from the
    numbered list of Russian words, the codes are the file's business."""
    codes = [code for code in words if code.isascii()]
    if not codes:
        return description
    named = re.compile(r"\b(?:" + "|".join(map(re.escape, codes)) + r")\b")
    sentences = re.split(r"(?<=\.)\s+(?=[А-ЯЁA-Z])", description)
    kept = [s for s in sentences if not named.search(s)]
    return " ".join(kept)


def _expanded(data: Mapping[str, Any], found: list[MissingField]) -> dict[str, Any] | None:
    """The data with each field that stands for several questions opened up (a list of
    stages as one empty stage, optional kinds as empty keys), or None when there is none."""
    opened: dict[str, Any] | None = None
    for missing in found:
        schema = missing.schema
        items = _items(schema)
        if schema.get("type") == "object" and schema.get("properties"):
            value: Any = dict.fromkeys(schema["properties"])
        elif schema.get("type") == "array" and items.get("type") == "object":
            value = [{}]
        else:
            continue
        opened = opened if opened is not None else copy.deepcopy(dict(data))
        *parents, last = _path(missing.pointer)
        node: Any = opened
        for token in parents:
            if isinstance(node, dict) and not isinstance(node.get(token), (dict, list)):
                node[token] = {}
            node = node[token]
        node[last] = value
    return opened


def empty_fields(data: Any, settings: Settings, only: tuple[str, ...] = ()) -> list[Field]:
    """The questions for a site's data, in the order of the schema; `only`: just these
    sections («organization», «application», «passport»)."""
    if not isinstance(data, Mapping):
        return []
    found = missing_fields(data)
    for _ in range(3):  # a mapping opened up may hold a list to open, and so on
        opened = _expanded(data, found)
        if opened is None:
            break
        data, found = opened, missing_fields(opened)
    return [_field(m, settings) for m in found if not only or m.pointer.split("/")[1] in only]


def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern as JSON Schema means it: `$` is the very end of the text."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def wrong_sections(data: Any, only: tuple[str, ...] = ()) -> list[str]:
    """The sections (of `only`, or all) written as something else than fields — `passport: 5`,
    a list — where no question can be asked: each as «Паспорт практики» (passport: 5)."""
    if not isinstance(data, Mapping):
        return []
    wrong = []
    for key in SECTION_WORDS:
        value = data.get(key)
        if (only and key not in only) or value is None or isinstance(value, Mapping):
            continue
        shown = "список" if isinstance(value, list) else str(value)[:40]
        wrong.append(f"«{schema_titles((key,))[-1]}» ({key}: {shown})")
    return wrong
