"""The JSON Schemas (`schemas/*.json`) and the Russian messages for what they reject.

The schemas are the single source of the format rules (SPEC §2). Validators are built once
per run (building one re-checks the meta-schema, ~9× the cost of a check). The two
vocabularies that settings may change — municipalities and mentoring forms — are patched
into a copy of `common.schema.json` before building.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from ropcli import vocab
from ropcli.dates import FIRST_YEAR, LAST_YEAR, in_range
from ropcli.problems import ERROR, ExitCode, Problem, RopcliError
from ropcli.resources import data_dir
from ropcli.settings import Settings
from ropcli.yamlio import Document, join_pointer

if TYPE_CHECKING:  # jsonschema is imported only when a file is rejected (start-up time)
    import jsonschema
    import referencing

SCHEMA_NAMES = ("site", "application", "passport", "settings", "common")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RU_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")

_TYPE_NAMES = {
    "string": "текст",
    "integer": "целое число",
    "number": "число",
    "boolean": "true или false",
    "object": "словарь (вложенные «ключ: значение»)",
    "array": "список (строки, начинающиеся с «- »)",
    "null": "пустое значение",
}

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

_PATTERN_HINTS = {
    "^[0-9]{10}$": "ИНН организации — ровно 10 цифр",
    "^[0-9]{13}$": "ОГРН — ровно 13 цифр",
    "^[0-9]{4}/[0-9]{4}$": "учебный год пишется как 2023/2024",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "только строчные латинские буквы и цифры, части через дефис "
    "(например, kursk-sosh-5)",
}


MAX_SUGGESTIONS = 200


def _check_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
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

    def check(self, name: str, data: Any, document: Document, file: str) -> list[Problem]:
        fast = self._fast.get(name)
        if fast is not None and fast.is_valid(data):
            return []
        problems: dict[tuple[str, str, int, int], Problem] = {}
        for error in self._validators[name].iter_errors(data):
            title, clause = self._annotations(name, error)
            for problem in _translate(error, document, file, self.settings, title, clause):
                problems.setdefault(
                    (problem.pointer, problem.rule, problem.line, problem.column), problem
                )
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


def _translate(
    error: jsonschema.ValidationError,
    document: Document,
    file: str,
    settings: Settings,
    title: str | None = None,
    clause: str | None = None,
) -> Iterator[Problem]:
    pointer = join_pointer(*error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    instance = _instance(error)
    key = str(error.absolute_path[-1]) if error.absolute_path else ""
    where = ""
    if key and not key.isdigit():
        where = f"«{key}» ({title}): " if title else f"«{key}»: "
    outer_clause = clause

    def make(
        rule: str, message: str, at: str = pointer, at_key: bool = False, clause: str | None = None
    ) -> Problem:
        clause = clause or schema.get("x-clause") or outer_clause
        return document.problem(file, at, rule, ERROR, message, clause, at_key)

    validator = error.validator
    if validator == "required" and "properties" not in schema and schema.get("x-message"):
        # A `then` block of an if/then: its own sentence says what the condition asks for.
        yield make("required", where + str(schema["x-message"]), at_key=True)
    elif validator == "required":
        properties = schema.get("properties", {})
        for name in _value(error):
            if isinstance(instance, Mapping) and name not in instance:
                sub = properties.get(name, {})
                title = sub.get("title")
                label = f"«{name}» ({title})" if title else f"«{name}»"
                yield make(
                    "required",
                    f"{where}нет обязательного ключа {label}"
                    + _first_sentence(sub.get("description")),
                    at_key=True,
                    clause=sub.get("x-clause"),
                )
    elif validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        unknown = [name for name in instance if name not in allowed]
        for index, name in enumerate(unknown):
            # Suggestions cost a fuzzy match each: a file of 100,000 stray keys gets them
            # for the first few only (nobody mistyped that many keys by hand).
            close = (
                difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
                if index < MAX_SUGGESTIONS and len(str(name)) <= 64
                else []
            )
            hint = (
                f"возможно, имелось в виду «{close[0]}»"
                if close
                else "допустимые ключи: " + ", ".join(allowed)
            )
            yield make(
                "unknown-key",
                f"неизвестный ключ «{shorten(str(name))}»: {hint}",
                at=join_pointer(*error.absolute_path, name),
                at_key=True,
            )
    elif validator == "type":
        yield make("type", where + _type_message(error, document, pointer))
    elif validator in ("enum", "const") and instance is None:
        return  # an empty value: the `type` error already says «не заполнено»
    elif validator in ("enum", "const"):
        yield make("vocabulary", where + _enum_message(error, settings))
    elif validator == "format" and _value(error) == "date":
        yield make("date-format", where + _date_message(instance))
    elif validator == "format" and _value(error) == "uri":
        yield make(
            "url-format",
            f"{where}«{shorten(str(instance))}» — не адрес сайта: нужна полная ссылка, "
            "начинающаяся с https:// или http://",
        )
    elif validator == "pattern":
        hint = _PATTERN_HINTS.get(str(_value(error)), f"образец {_value(error)}")
        yield make("pattern", f"{where}значение «{shorten(str(instance))}» не подходит: {hint}")
    else:
        message = schema.get("x-message") or _generic_message(error)
        yield make("schema", where + message)


def _value(error: jsonschema.ValidationError) -> Any:
    return error.validator_value


def _instance(error: jsonschema.ValidationError) -> Any:
    return error.instance


_SENTENCE_END = re.compile(r"\.\s+(?=[А-ЯЁA-Z«])")  # not «прил. 1», «п. 6.8»


def _first_sentence(text: str | None) -> str:
    if not text:
        return ""
    return ": " + _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")


def _type_message(error: jsonschema.ValidationError, document: Document, pointer: str) -> str:
    expected = _value(error)
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " или ".join(_TYPE_NAMES.get(n, n) for n in names)
    instance = _instance(error)
    raw = document.raw(pointer)
    if "string" in names and isinstance(instance, int | float) and raw is not None:
        key = pointer.rsplit("/", 1)[-1]
        digits = {"inn": 10, "ogrn": 13}.get(key)
        # What the person typed, not the number YAML made of it (0463… reads as octal).
        typed = raw.replace("_", "") if raw.isdigit() else str(instance)
        if digits and isinstance(instance, int) and len(typed.lstrip("0")) < digits:
            return (
                f"записано числом {raw}: ведущие нули числа пропадают, а ИНН и ОГРН — это "
                f'строка из {digits} цифр; напишите в кавычках "{typed.zfill(digits)}"'
            )
        return f'здесь нужен текст, а записано число {raw}: возьмите его в кавычки: "{raw}"'
    if instance is None:
        return f"значение не заполнено; ожидается: {wanted}"
    return f"ожидается: {wanted}"


def _enum_message(error: jsonschema.ValidationError, settings: Settings) -> str:
    options = [_value(error)] if error.validator == "const" else list(_value(error))
    value = _instance(error)
    shown = ", ".join(f"«{o}»" for o in options[:12]) + (" …" if len(options) > 12 else "")
    if isinstance(value, str):
        canonical = vocab.canonical_form(value)
        if canonical != value and canonical in options:
            return (
                f"«{value}» пишется так: «{canonical}» (слова разделены тире «–» с пробелами "
                "вокруг)"
            )
        close = (
            difflib.get_close_matches(value, [str(o) for o in options], n=1, cutoff=0.6)
            if len(value) <= 200
            else []
        )
        if close:
            return f"«{value}» нет в словаре; возможно, «{close[0]}»"
        if options and set(options) <= set(settings.municipalities):
            return _municipality_message(value, settings)
    return f"значение «{shorten(str(value))}» недопустимо; допустимо: {shown}"


def shorten(text: str, limit: int = 120) -> str:
    """A value quoted in a message: long ones cut in the middle (a 500,000-character value
    would otherwise be printed whole, once per problem)."""
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]}…(ещё {len(text) - limit} знаков)…{text[-half:]}"


def _municipality_message(value: str, settings: Settings) -> str:
    """People write the name («Обоянский район», «Курск»); the file wants the id."""
    names = {m.name.casefold(): m.id for m in settings.municipalities.values()}
    wanted = value.casefold().strip()
    found = names.get(wanted) or names.get(f"город {wanted}") or names.get(f"{wanted} район")
    if found is None:
        close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.7)
        found = names[close[0]] if close else None
    if found is not None:
        name = settings.municipalities[found].name
        return f"пишите идентификатор муниципалитета: «{found}» ({name}), а не «{value}»"
    listed = ", ".join(f"{m.id} ({m.name})" for m in list(settings.municipalities.values())[:6])
    return (
        f"«{value}» нет среди муниципалитетов; пишите идентификатор, например: {listed} …; "
        "весь список — ropcli schema common (или municipalities в ropcli.yaml)"
    )


def _date_message(value: object) -> str:
    text = str(value)
    match = _RU_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return f"дата «{text}» записана не в том формате: пишите ГГГГ-ММ-ДД, то есть {iso}"
    if _DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return f"даты «{text}» нет в календаре: проверьте день и месяц"
        return (
            f"год в дате «{text}» вне допустимого диапазона {FIRST_YEAR}–{LAST_YEAR}: "
            "проверьте год (бессрочных статусов нет: срок — до 3 лет)"
        )
    return f"«{text}» — не дата: пишите ГГГГ-ММ-ДД, например 2024-06-20"


def _generic_message(error: jsonschema.ValidationError) -> str:
    v, value = error.validator, _value(error)
    if v == "minItems":
        return (
            "список пуст: нужен хотя бы один элемент"
            if value == 1
            else (f"в списке должно быть не меньше {value} элементов")
        )
    if v == "minLength":
        return "значение пустое: заполните его"
    if v == "minimum":
        return f"число должно быть не меньше {value}"
    if v == "maximum":
        return f"число должно быть не больше {value}"
    if v == "minProperties":
        return "заполните хотя бы один ключ"
    if v == "not":
        return "такого ключа здесь быть не должно"
    return f"значение не подходит под схему ({v})"
