"""Russian messages for what the JSON Schemas reject: one `Problem` per schema error, at
the line and column of the value (or of its key), with the field's title and clause."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ropcli.core import vocab
from ropcli.core.dates import DOTTED_DATE, FIRST_YEAR, ISO_DATE, LAST_YEAR
from ropcli.core.problems import ERROR, Problem
from ropcli.core.settings import Settings
from ropcli.yamlio import Document, join_pointer

if TYPE_CHECKING:
    import jsonschema

MAX_SUGGESTIONS = 200

_TYPE_NAMES = {
    "string": "текст",
    "integer": "целое число",
    "number": "число",
    "boolean": "true или false",
    "object": "словарь (вложенные «ключ: значение»)",
    "array": "список (строки, начинающиеся с «- »)",
    "null": "пустое значение",
}

_PATTERN_HINTS = {
    "^[0-9]{10}$": "ИНН организации — ровно 10 цифр",
    "^[0-9]{13}$": "ОГРН — ровно 13 цифр",
    "^[0-9]{4}/[0-9]{4}$": "учебный год пишется как 2023/2024",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "только строчные латинские буквы и цифры, части через дефис "
    "(например, kursk-sosh-5)",
}

# What an empty field takes, when its schema says more than «текст»: by pattern or format.
_EXPECTED = {
    "^[0-9]{10}$": 'ИНН — 10 цифр в кавычках, например "4632000002"',
    "^[0-9]{13}$": 'ОГРН — 13 цифр в кавычках, например "1024600000006"',
    "^[0-9]{4}/[0-9]{4}$": "учебный год, например 2024/2025",
    "date": "дата в виде ГГГГ-ММ-ДД, например 2024-06-20",
    "uri": "полная ссылка, начинающаяся с https://",
    "email": "адрес электронной почты, например school5@example.ru",
}


def translate(
    error: jsonschema.ValidationError,
    document: Document,
    file: str,
    settings: Settings,
    title: str | None = None,
    clause: str | None = None,
    unfilled: frozenset[str] = frozenset(),
) -> Iterator[Problem]:
    """`unfilled`: a draft's fields still to fill; a missing key among them (or a missing
    mapping that stands for some of them) is not reported here."""
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
        names = [n for n in _value(error) if isinstance(instance, Mapping) and n not in instance]
        if any(not _stands_for(join_pointer(*error.absolute_path, n), unfilled) for n in names):
            yield make("required", where + str(schema["x-message"]), at_key=True)
    elif validator == "required":
        properties = schema.get("properties", {})
        for name in _value(error):
            if isinstance(instance, Mapping) and name not in instance:
                if _stands_for(join_pointer(*error.absolute_path, name), unfilled):
                    continue
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


def _stands_for(pointer: str, unfilled: frozenset[str]) -> bool:
    """The missing key at `pointer` is one of `unfilled`, or a mapping holding some."""
    return pointer in unfilled or any(p.startswith(pointer + "/") for p in unfilled)


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
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        meant = _EXPECTED.get(str(schema.get("pattern") or schema.get("format")))
        return f"значение не заполнено; ожидается: {meant or wanted}"
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
    match = DOTTED_DATE.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return f"дата «{text}» записана не в том формате: пишите ГГГГ-ММ-ДД, то есть {iso}"
    if ISO_DATE.fullmatch(text):
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
