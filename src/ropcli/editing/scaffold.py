"""The commented scaffold of a new site file (`ropcli new`).

The scaffold is a template (`templates/site-scaffold.yaml.j2`; a file of the same name in
`<registry>/templates/` overrides it). What the user gave — name, ИНН, ОГРН, municipality —
is filled in; every other required field is left empty (`key:` or `key: []`), so
`ropcli validate` lists exactly the fields left to fill — warnings (`incomplete`) while the
application has no date, the file being a draft. Those fields are the empty values of the
rendered file: `fields_to_fill` finds them there, whatever the template says.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ropcli.core.problems import RopcliError
from ropcli.core.resources import data_dir
from ropcli.core.templating import (
    FolderLoader,
    SafeEnvironment,
    TemplateRefused,
    template_folders,
    template_origin,
)
from ropcli.validation.registry import Registry
from ropcli.yamlio import identifier, join_pointer, parse_text, scalar, text

TEMPLATE = "site-scaffold.yaml.j2"
FIELDS = ("full_name", "short_name", "type", "inn", "ogrn", "municipality")
_IDENTIFIERS = ("inn", "ogrn")


def _folders(registry: Registry) -> list[Path]:
    try:
        return template_folders(registry.root, data_dir("templates"))
    except TemplateRefused as exc:
        raise RopcliError(exc.message or str(exc)) from None


def _value(value: Any) -> str:
    """« value» to follow «key:», or nothing for a field left empty (no trailing space)."""
    return "" if value is None else " " + scalar(value)


def _schema_line(registry: Registry) -> str:
    """The editor hint: the registry's own `schemas/` (written by `ropcli init`), else the
    `schemas/` beside the registry (the sample in ropcli's checkout), else none."""
    root = registry.root.resolve()
    found = [
        folder / "schemas" / "site.schema.json"
        for folder in (root, root.parent)
        if (folder / "schemas" / "site.schema.json").is_file()
    ]
    if not found:
        return ""
    schema = found[0]
    relative = os.path.relpath(schema, registry.sites_dir.resolve()).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}\n"


def render(
    registry: Registry,
    site_id: str,
    values: Mapping[str, str | None],
    origin: str | None = None,
) -> str:
    """The scaffold text for `site_id` with the given organization fields (None: empty);
    `origin` («файл создан командой «ropcli import» из …») replaces «ropcli new ID» in the
    header comment (one line: control characters are dropped)."""
    import jinja2

    filled: dict[str, Any] = {}
    for name in FIELDS:
        value = values.get(name)
        if value is None or not value.strip():
            filled[name] = None
        elif name in _IDENTIFIERS:
            filled[name] = identifier(value.strip())
        else:
            filled[name] = text(" ".join(value.split()), flow=True)
    environment = SafeEnvironment(
        loader=FolderLoader(_folders(registry)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML: values go through the `value` filter
    )
    environment.filters["value"] = _value
    try:
        template = environment.get_template(TEMPLATE)
        made = {} if origin is None else {"origin": "".join(c for c in origin if c.isprintable())}
        return template.render(id=site_id, schema_line=_schema_line(registry), **filled, **made)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        where = template_origin(environment, TEMPLATE)
        raise RopcliError(f"шаблон {where} не годится: {exc}") from None


def _empty(data: Any, pointer: str = "") -> Iterator[str]:
    if data is None or data == [] or data == {}:
        yield pointer
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _empty(value, pointer + join_pointer(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _empty(value, pointer + join_pointer(index))


def fields_to_fill(content: str) -> set[str]:
    """JSON pointers of the empty values in a scaffold: what the user still has to fill."""
    loaded = parse_text(content, TEMPLATE)
    if loaded.document is None:
        raise RopcliError(f"шаблон {TEMPLATE} дал не YAML: {loaded.problems[0].message}")
    return set(_empty(loaded.document.data))
