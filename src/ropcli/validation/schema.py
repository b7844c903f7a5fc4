"""The JSON Schemas (`schemas/*.json`) and the validators built from them.

The schemas are the single source of the format rules (docs/format.md). Validators are
built once per run (building one re-checks the meta-schema, ~9× the cost of a check).
What they reject becomes Russian messages in `schema_messages`. The two
vocabularies that settings may change — municipalities and mentoring forms — are patched
into a copy of `common.schema.json` before building.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from ropcli.core.dates import ISO_DATE, in_range
from ropcli.core.problems import ExitCode, Problem, RopcliError
from ropcli.core.resources import data_dir
from ropcli.core.settings import Settings
from ropcli.yamlio import Document, join_pointer

from .schema_messages import translate

if TYPE_CHECKING:  # jsonschema is imported only when a file is rejected (start-up time)
    import jsonschema
    import referencing

SCHEMA_NAMES = ("site", "application", "passport", "settings", "common")

# Schema-derived rule ids; `ropcli rules` lists them beside the domain rules.
SCHEMA_RULES: dict[str, str] = {
    "required": "Обязательный ключ отсутствует (сообщение указывает на родительский ключ).",
    "unknown-key": "Неизвестный ключ: опечатка не должна пройти незамеченной.",
    "type": "Значение не того типа: текст вместо списка, число вместо текста и т. п.",
    "vocabulary": "Значение не из словаря (муниципалитет, форма наставничества, тип и др.).",
    "date-format": "Дата не в формате ГГГГ-ММ-ДД или такой даты нет в календаре.",
    "url-format": "Ссылка не является адресом http(s)://…",
    "pattern": "Значение не подходит под образец (ИНН — 10 цифр, учебный год — 2023/2024…).",
    "schema": "Прочие ограничения формата (пустой список, число вне пределов и т. п.).",
}


def _check_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        return in_range(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _check_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not value.startswith(("http://", "https://")):
        return False
    from rfc3986_validator import validate_rfc3986

    return bool(validate_rfc3986(value, rule="URI"))


def _check_email(value: object) -> bool:
    return not isinstance(value, str) or bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))


FORMATS = {"date": _check_date, "uri": _check_uri, "email": _check_email}


@cache
def format_checker() -> jsonschema.FormatChecker:
    """jsonschema's checker with the same format functions the compiled validator uses."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, function in FORMATS.items():
        checker.checks(name)(function)
    return checker


@cache
def load_schema(name: str) -> dict[str, Any]:
    if name not in SCHEMA_NAMES:
        raise RopcliError(
            f"нет схемы «{name}»; есть: {', '.join(SCHEMA_NAMES)}", exit_code=ExitCode.USAGE
        )
    path = data_dir("schemas") / f"{name}.schema.json"
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RopcliError(f"не читается схема {path.name}: {exc}") from exc
    return schema


def _patched_common(settings: Settings) -> dict[str, Any]:
    common = copy.deepcopy(load_schema("common"))
    defs = common["$defs"]
    defs["municipality"]["enum"] = sorted(settings.municipalities)
    defs["mentoring_form"]["enum"] = list(settings.mentoring_forms)
    return common


def _compiled(schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """jsonschema-rs validators for the yes/no question, or {} where it is not installed.

    They answer "is this file valid?" ~150× faster than jsonschema; only a file they reject
    goes through jsonschema, whose errors carry what the Russian messages are built from.
    The same format checks are handed to both, so they agree (a test pins it).
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform without a wheel: the slow path
        return {}
    base = "file:///ropcli/schemas/"
    registry = jsonschema_rs.Registry(
        [(f"{base}{name}.schema.json", schema) for name, schema in schemas.items()]
    )
    return {
        name: jsonschema_rs.validator_for(
            schemas[name],
            registry=registry,
            base_uri=f"{base}{name}.schema.json",
            formats=FORMATS,
            validate_formats=True,
        )
        for name in ("site", "settings")
    }


_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def _python_pattern(pattern: str) -> re.Pattern[str]:
    r"""A schema pattern as JSON Schema means it (ECMA-262): `$` is the end of the text.
    Python's `$` also matches before a final line break, so «4632024170\n» would pass as
    ten digits; `\Z` does not."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[Any]:
    import jsonschema

    if validator.is_type(instance, "string") and not _python_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


class SchemaChecker:
    """Validators for site files and settings, built once, with Russian messages.

    `reference=True` skips the compiled fast path: tests compare the two.
    """

    def __init__(self, settings: Settings, reference: bool = False) -> None:
        self.settings = settings
        schemas = {
            name: _patched_common(settings) if name == "common" else load_schema(name)
            for name in SCHEMA_NAMES
        }
        self._schemas = schemas
        self._fast = {} if reference else _compiled(schemas)

    @cached_property
    def _registry(self) -> referencing.Registry[Any]:
        import referencing
        import referencing.jsonschema

        return referencing.Registry().with_resources(
            (
                f"{name}.schema.json",
                referencing.Resource.from_contents(
                    schema, default_specification=referencing.jsonschema.DRAFT202012
                ),
            )
            for name, schema in self._schemas.items()
        )

    @cached_property
    def _validators(self) -> dict[str, jsonschema.protocols.Validator]:
        """jsonschema, built on the first file the compiled validator rejects."""
        import jsonschema

        cls = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
            jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
        )
        return {
            name: cls(load_schema(name), registry=self._registry, format_checker=format_checker())
            for name in ("site", "settings")
        }

    def check(
        self,
        name: str,
        data: Any,
        document: Document,
        file: str,
        unfilled: frozenset[str] = frozenset(),
    ) -> list[Problem]:
        """The schema's problems with `data`; none about the fields in `unfilled` (a
        draft's fields still to fill, which the `incomplete` rule reports instead)."""
        fast = self._fast.get(name)
        if fast is not None and fast.is_valid(data):
            return []
        problems: dict[tuple[str, str, int, int, str], Problem] = {}
        for error in self._validators[name].iter_errors(data):
            pointer = join_pointer(*error.absolute_path)
            if unfilled and error.validator != "required" and pointer in unfilled:
                continue
            title, clause = self._annotations(name, error)
            found = translate(error, document, file, self.settings, title, clause, unfilled)
            for problem in found:
                key = (problem.pointer, problem.rule, problem.line, problem.column)
                problems.setdefault((*key, problem.message), problem)
        return sorted(problems.values(), key=lambda p: (p.line, p.column, p.rule))

    def _annotations(
        self, name: str, error: jsonschema.ValidationError
    ) -> tuple[str | None, str | None]:
        """The innermost `title` and `x-clause` on the way to the failing keyword.

        A property written as `{"$ref": "common…#/$defs/date", "title": "Дата заявки",
        "x-clause": "прил. 1"}` fails inside the referenced `date`, whose own title is just
        «Дата»; walking the schema path through the `$ref`s finds the property's words.
        Where the property has no clause of its own, the nearest enclosing one applies.
        """
        node: Any = load_schema(name)
        resolver = self._registry.resolver(base_uri=f"{name}.schema.json")
        title = clause = None
        tokens = list(error.absolute_schema_path)[:-1]  # the last token is the keyword
        for token in tokens:
            # jsonschema's path steps through a `$ref` without naming it: resolve first.
            while isinstance(node, Mapping) and token not in node and "$ref" in node:
                resolved = resolver.lookup(node["$ref"])
                node, resolver = resolved.contents, resolved.resolver
            node = node[token]
            if isinstance(node, Mapping):
                title = node.get("title", title)
                clause = node.get("x-clause", clause)
        return title, clause
