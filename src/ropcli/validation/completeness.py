"""Which fields of a site file are still to fill: the empty or missing fields of its
organization, application and passport, found by walking the JSON Schemas.

A site whose application has no date yet (`application.date` absent or empty) is a
**draft** (docs/changing-the-register.md, «Черновик»): each field listed here is then a
warning (`incomplete`), not an error; from the moment the application has a date, the same
fields are errors again. `ropcli fill` asks them one by one; `ropcli show` lists them.

* `missing_fields(data, document)` — every empty or missing field, in schema order, with its
  JSON pointer, Russian title, description, clause and (given the parsed document) the line
  and column of the nearest node that exists;
* `is_draft(data)` — the application has no date;
* `draft_pointers(data)` — the pointers of the missing fields of a draft (empty otherwise):
  the schema errors the check leaves to the `incomplete` rule.

"Empty" follows the field's type: `key:` (null) for any field, `""` for text, `[]` for a
list, `{}` for a mapping. A value of the wrong kind (`full_name: []`) is not empty: the
schema reports it as an error, draft or not. A missing or empty mapping stands for its
required fields (`head:` → `head.name`, `head.position`); an empty mapping with no required
keys (`resources: {}`) and an empty list are one field each.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ropcli.validation.schema import load_schema
from ropcli.yamlio import Document, join_pointer

SECTIONS = ("organization", "application", "passport")  # what a new site cannot know yet
_EMPTY_OF_TYPE = {"string": "", "array": [], "object": {}}


@dataclass(frozen=True)
class MissingField:
    """A field still to fill.

    `pointer` — JSON pointer of the field (`/passport/contact/phone`); `path` — the same as
    people read it (`passport.contact.phone`, list items numbered from 1); `title`,
    `description`, `clause` — from the schema (the nearest `x-clause` on the way);
    `present` — the key is written but empty (`key:`), else it is missing altogether;
    `line`, `column` — 1-based, of the field itself when present, else of the nearest
    enclosing key that exists (None when no document was given); `schema` — the field's
    schema with `$ref`s resolved (type, format, pattern, enum, items), for asking it.
    """

    pointer: str
    path: str
    title: str
    description: str
    clause: str | None
    present: bool
    line: int | None = None
    column: int | None = None
    schema: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def heading(self) -> str:
        """The field as the schemas' titles name it: «Организация › ИНН»."""
        return titled(self.pointer)


def is_draft(data: Any) -> bool:
    """A draft: the application (or its date) is absent, or the date is empty."""
    if not isinstance(data, Mapping):
        return False
    application = data.get("application")
    if application is None:
        return True
    if not isinstance(application, Mapping):
        return False  # a wrong shape is the schema's error, not a draft
    return application.get("date") in (None, "")


def draft_pointers(data: Any) -> frozenset[str]:
    """The pointers of the fields a draft has still to fill; empty for a site that is not
    a draft (its empty fields are errors)."""
    if not is_draft(data):
        return frozenset()
    return frozenset(m.pointer for m in missing_fields(data))


def missing_fields(data: Any, document: Document | None = None) -> list[MissingField]:
    """Every empty or missing field of the organization, the application and the passport,
    in the order of the schema; with `document`, each with its line and column."""
    if not isinstance(data, Mapping):
        return []
    site = load_schema("site")
    found: list[MissingField] = []
    for name in SECTIONS:
        node = _resolve(site["properties"][name], "site")
        found += _walk(node, data.get(name), name in data, (name,), node.get("x-clause"))
    if document is not None:
        found = [_placed(m, document) for m in found]
    return found


def _placed(missing: MissingField, document: Document) -> MissingField:
    line, column = document.position(missing.pointer, at_key=not missing.present)
    return MissingField(
        missing.pointer,
        missing.path,
        missing.title,
        missing.description,
        missing.clause,
        missing.present,
        line,
        column,
        missing.schema,
    )


def _walk(
    node: Mapping[str, Any],
    value: Any,
    present: bool,
    path: tuple[str | int, ...],
    clause: str | None,
) -> Iterator[MissingField]:
    clause = node.get("x-clause", clause)
    kind = node.get("type")
    if not present or _is_empty(value, kind):
        children = _required(node, {}) if kind == "object" else []
        if not children:
            yield _field(node, path, clause, present)
            return
        for name in children:
            yield from _walk(_child(node, name), None, False, (*path, name), clause)
        return
    if kind == "object" and isinstance(value, Mapping):
        required = _required(node, value)
        for name in node.get("properties", {}):
            if name in value or name in required:
                child = _child(node, name)
                yield from _walk(child, value.get(name), name in value, (*path, name), clause)
    elif kind == "array" and isinstance(value, list) and isinstance(node.get("items"), Mapping):
        item = _item(node)
        for index, element in enumerate(value):
            yield from _walk(item, element, True, (*path, index), clause)


def _is_empty(value: Any, kind: Any) -> bool:
    if value is None:
        return True
    return isinstance(kind, str) and kind in _EMPTY_OF_TYPE and value == _EMPTY_OF_TYPE[kind]


def _required(node: Mapping[str, Any], value: Mapping[str, Any]) -> list[str]:
    """The required keys, with those an `if`/`then` adds when its condition holds."""
    required = list(node.get("required", []))
    for rule in node.get("allOf", []):
        if "if" in rule and _matches(rule["if"], value):
            required += [n for n in rule.get("then", {}).get("required", []) if n not in required]
    return required


def _matches(condition: Mapping[str, Any], value: Any) -> bool:
    """The `if` shapes the schemas use: `required`, `properties` with `const` (nested)."""
    if "const" in condition and value != condition["const"]:
        return False
    if not isinstance(value, Mapping):
        return "required" not in condition and "properties" not in condition
    if any(name not in value for name in condition.get("required", [])):
        return False
    return all(
        _matches(sub, value[name])
        for name, sub in condition.get("properties", {}).items()
        if name in value
    )


def _field(
    node: Mapping[str, Any], path: tuple[str | int, ...], clause: str | None, present: bool
) -> MissingField:
    return MissingField(
        join_pointer(*path),
        _shown(path),
        str(node.get("title", path[-1])),
        str(node.get("description", "")),
        clause,
        present,
        schema={k: v for k, v in node.items() if k != "x-schema-file"},
    )


def _shown(path: tuple[str | int, ...]) -> str:
    """`passport.technology[1].stage`: keys joined by dots, list items numbered from 1."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _child(node: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    return _resolve(node.get("properties", {}).get(name, {}), node.get("x-schema-file", "site"))


def _item(node: Mapping[str, Any]) -> Mapping[str, Any]:
    item = dict(_resolve(node["items"], node.get("x-schema-file", "site")))
    if "title" not in node["items"] and node.get("title"):
        item["title"] = node["title"]  # a text list's item is «Текст»: say whose
    return item


def _resolve(node: Mapping[str, Any], file: str) -> Mapping[str, Any]:
    """`node` with its `$ref` followed; the node's own words (title, description,
    x-clause) win over the definition's. `x-schema-file` remembers which schema file a
    node came from, for its own relative `$ref`s."""
    reference = node.get("$ref")
    if reference is None:
        return {"x-schema-file": file, **node}
    target_file, _, fragment = str(reference).partition("#")
    target_name = target_file.removesuffix(".schema.json") if target_file else file
    target: Any = load_schema(target_name)
    for token in [t for t in fragment.split("/") if t]:
        target = target[token]
    own = {k: v for k, v in node.items() if k != "$ref"}
    return {**_resolve(target, target_name), **own}


def titled(pointer: str) -> str:
    """A field of a site file in Russian, from the schemas' titles: «Заявка › Документы ›
    Приказ о закреплении пар › Учебный год»; the pointer where a title is not known."""
    try:
        path = tuple(int(t) if t.isdigit() else t for t in pointer.strip("/").split("/"))
        return " › ".join(schema_titles(path))
    except (KeyError, TypeError):
        return pointer


def schema_titles(path: tuple[str | int, ...]) -> tuple[str, ...]:
    """The titles of the mappings, list items and field on a path, read from the schemas."""
    titles: list[str] = []
    node: Any = load_schema("site")
    document = "site"
    for token in path:
        node = node["items"] if isinstance(token, int) else node["properties"][token]
        title = node.get("title")
        while "$ref" in node:
            target, _, fragment = str(node["$ref"]).partition("#")
            document = target.removesuffix(".schema.json") if target else document
            node = load_schema(document)
            for step in (s for s in fragment.split("/") if s):
                node = node[step]
        title = title or node.get("title")
        titles.append(f"{title} {token + 1}" if isinstance(token, int) else str(title))
    return tuple(titles)
