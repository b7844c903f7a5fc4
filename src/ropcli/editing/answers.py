"""The answers of `ropcli fill`: what a typed answer means for its field (or why it is refused,
in Russian), the default offered for it, and how one accepted answer is saved.

Each answer is saved on its own, through the same locked read → check → replace flow as
`ropcli record` (`ropcli.editing.transaction`), so nothing typed is lost when the questions
are broken off. A file that still has empty fields has errors (or, for a draft, warnings) for
them: those are expected, as are errors that appear for the other empty fields once a draft
stops being one. Any other new error — a wrong check digit, a duplicate ИНН, dates out of
order — refuses the answer; a new warning (an ОГРН of another region) does not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from ropcli.core.dates import parse_typed, school_year, short
from ropcli.core.labels import folded, lookup
from ropcli.core.pasted import controls, tidy
from ropcli.core.problems import ExitCode, Problem, RopcliError
from ropcli.core.settings import Settings
from ropcli.core.vocab import canonical_form
from ropcli.editing.questionnaire import (
    Field,
    Token,
    ecma_pattern,
    empty_fields,
    is_empty,
)
from ropcli.editing.transaction import Change, RefusedWrite, edit_site, site_path
from ropcli.validation.completeness import titled
from ropcli.validation.registry import Registry
from ropcli.validation.schema import FORMATS
from ropcli.yamlio import block_map, block_seq, identifier, join_pointer, read_file, text

YES = ("да", "д", "yes", "y", "true")
NO = ("нет", "н", "no", "n", "false")


class BadAnswer(ValueError):
    """An answer that does not fit its field; `message` says why, in Russian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_digits(kind: str, value: str) -> str:
    """An ИНН (`kind` "inn": 10 digits) or ОГРН ("ogrn": 13) as typed, or `BadAnswer` saying
    what is wrong — the number of digits or the check digit. `ropcli new` asks with it too."""
    from ropcli.validation.rules.identifier_checksums import inn_check_digit, ogrn_check_digit

    name, length, check = (
        ("ИНН", 10, inn_check_digit) if kind == "inn" else ("ОГРН", 13, ogrn_check_digit)
    )
    text = value.strip()
    if not (len(text) == length and text.isascii() and text.isdigit()):
        raise BadAnswer(f"{name} — это {length} цифр, а введено «{text}»")
    if check(text) != int(text[-1]):
        raise BadAnswer(
            f"{name} «{text}» с ошибкой: не сходится контрольная цифра; сверьте с выпиской из ЕГРЮЛ"
        )
    return text


def _choice(field: Field, answer: str) -> str:
    """A value of a vocabulary: its number in the list shown, its code or a Russian word."""
    codes = list(field.choices)
    if answer.isascii() and answer.isdigit():
        if 1 <= int(answer) <= len(codes):
            return codes[int(answer) - 1]
        raise BadAnswer(f"номера {answer} в списке нет: выберите от 1 до {len(codes)}")
    code = lookup(answer, field.choices) or lookup(canonical_form(answer), field.choices)
    if code is None:
        import difflib

        shown = {folded(n[0] if n else c): n[0] if n else c for c, n in field.choices.items()}
        close = [k for k in shown if k.startswith(folded(answer))] or difflib.get_close_matches(
            folded(answer), list(shown), n=1
        )
        guess = f" (может быть, «{shown[close[0]]}»?)" if len(close) == 1 else ""
        raise BadAnswer(f"«{answer}» — нет в списке{guess}; введите номер или слово из списка")
    return code


def parse_answer(field: Field, answer: str) -> Any:
    """The value an answer gives its field (for a list: one item), or `BadAnswer`. Text is
    kept as typed, without the spaces around it; pasted no-break spaces are spaces, soft
    hyphens and zero-width spaces are dropped (`core.pasted`)."""
    value = tidy(answer).strip()
    if not value:
        raise BadAnswer("пустой ответ")
    if found := controls(value):
        raise BadAnswer(
            f"в ответе есть управляющие символы ({', '.join(found)}): наберите ответ одной "
            "строкой, без них"
        )
    kind = field.kind
    if kind in ("choice", "choice_list"):
        return _choice(field, value)
    if kind == "date":
        try:
            return parse_typed(value)
        except ValueError as exc:
            raise BadAnswer(str(exc)) from None
    if kind == "yes_no":
        if folded(value) in YES or folded(value) in NO:
            return folded(value) in YES
        raise BadAnswer(f"«{value}» — ответьте «да» или «нет»")
    if kind == "integer":
        if not (value.isascii() and value.isdigit()):
            raise BadAnswer(f"«{value}» — нужно целое число")
        return int(value)
    if kind == "url" and not FORMATS["uri"](value):
        raise BadAnswer(f"«{value}» — не адрес сайта: нужна полная ссылка, начинающаяся с https://")
    if kind == "email" and not FORMATS["email"](value):
        raise BadAnswer(f"«{value}» — не адрес электронной почты (нужно имя@домен.ru)")
    if kind == "school_year":
        return _school_year(value)
    if field.check_digits:
        return check_digits(field.check_digits, value)
    if field.pattern and not ecma_pattern(field.pattern).search(value):
        raise BadAnswer(f"«{value}» не подходит: {field.description or field.pattern}")
    return value


def _school_year(value: str) -> str:
    value = value.replace("-", "/").replace(" ", "")
    first, _, second = value.partition("/")
    if not (first.isdigit() and second.isdigit() and len(first) == len(second) == 4):
        raise BadAnswer(f"«{value}» — учебный год пишется как 2024/2025")
    if int(second) != int(first) + 1:
        raise BadAnswer(f"«{value}» — в учебном году два соседних года, например 2024/2025")
    return value


def _at(data: Any, *path: Token) -> Any:
    for token in path:
        if isinstance(data, Mapping) and isinstance(token, str):
            data = data.get(token)
        elif isinstance(data, list) and isinstance(token, int) and token < len(data):
            data = data[token]
        else:
            return None
    return data


def default(field: Field, data: Any, today: dt.date, settings: Settings) -> str | None:
    """The answer offered for a field (Enter takes it), where one is obvious: today for the
    date of the application, the head of the organization as its signatory, the school year
    of the application for its documents, the only municipality of the register."""
    path = field.path
    if path == ("application", "date"):
        return short(today)
    if path[:2] == ("application", "signed_by") and len(path) == 3:
        found = _at(data, "organization", "head", path[2])
        return found.strip() if isinstance(found, str) and found.strip() else None
    if field.kind == "school_year" and path[0] == "application":
        try:
            return school_year(parse_typed(str(_at(data, "application", "date"))))
        except ValueError:
            return None
    if path[-1] == "teachers_included":
        return "да"
    if path == ("organization", "municipality") and len(settings.municipalities) == 1:
        return next(iter(settings.municipalities))
    return None


def read_data(registry: Registry, site_id: str) -> Any:
    """The site's data as the checks read it; a file that is not YAML is refused (exit 1)."""
    path = site_path(registry, site_id)
    loaded = read_file(path, registry.relative(path))
    if loaded.document is None or not isinstance(loaded.document.data, Mapping):
        where = f": {loaded.problems[0].message}" if loaded.problems else ""
        raise RopcliError(
            f"{registry.relative(path)} не читается как файл площадки{where}; исправьте его "
            f"в редакторе (ropcli validate {registry.relative(path)})",
            ExitCode.PROBLEMS,
        )
    return loaded.document.data


def _node(field: Field, value: Any, flow: bool) -> Any:
    if isinstance(value, str) and field.kind in ("text", "text_list"):
        return text(value, flow=flow)
    if isinstance(value, str) and field.kind == "identifier":
        return identifier(value)
    return value


def _container(parent: Any, token: Token, make: Any) -> Any:
    if isinstance(token, int):
        while len(parent) <= token:
            parent.append(block_map())
        return parent[token]
    if parent.get(token) is None or parent.get(token) == []:
        parent[token] = make()
    return parent[token]


def _replace_item(items: Any, index: int, node: Any, pointer: str) -> None:
    """`items[index] = node` for an empty item (or the next one, appended)."""
    if index == len(items):
        items.append(node)
    elif index < len(items) and is_empty(items[index]):
        items[index] = node
    else:
        raise RefusedWrite(f"поле {pointer} уже заполнено (файл изменили тем временем)")


def _store(field: Field, value: Any, append: bool) -> Any:
    """The operation that writes `value` at the field (or adds it to the field's list)."""

    def apply(data: Any) -> None:
        parent = data
        path = field.path
        for index, token in enumerate(path[:-1]):
            following = path[index + 1]
            parent = _container(
                parent, token, block_seq if isinstance(following, int) else block_map
            )
        key = path[-1]
        flow = bool(getattr(parent, "fa", None) and parent.fa.flow_style())
        if isinstance(key, int):  # an item of a list left empty («- ""» or a bare «-»)
            _replace_item(parent, key, _node(field, value, flow), field.pointer)
        elif append:
            items = parent.get(key)
            if not items:
                parent[key] = items = block_seq()
            items.append(_node(field, value, flow=items.fa.flow_style() is True))
        elif not is_empty(parent.get(key)):
            raise RefusedWrite(f"поле {field.pointer} уже заполнено (файл изменили тем временем)")
        else:
            parent[key] = _node(field, value, flow)

    return apply


def _expected(field: Field, others: list[Field]) -> Any:
    """Problems a save may leave: those of the other empty fields (for a missing key, at its
    parent), never one of the field being answered."""
    at = {f.pointer for f in others if f.pointer != field.pointer}
    parents = {join_pointer(*f.path[:-1]) for f in others if f.pointer != field.pointer}

    def expected(problem: Problem) -> bool:
        if problem.pointer == field.pointer or problem.pointer.startswith(field.pointer + "/"):
            return False
        return problem.pointer in at or (problem.rule == "required" and problem.pointer in parents)

    return expected


def save_answer(
    registry: Registry, site_id: str, field: Field, value: Any
) -> tuple[Change, list[Problem]]:
    """The change that writes one answer (for a list field: adds one item), checked, and the
    new warnings it brings. Commit it with `transaction.commit` under the register's lock
    unless `change.problems` lists new errors: then the answer is refused."""
    others = empty_fields(read_data(registry, site_id), registry.settings)
    operation = _store(field, value, field.is_list)
    change = edit_site(registry, site_id, operation, _expected(field, others))
    warnings = [p for p in change.problems if not p.is_error]
    if len(warnings) == len(change.problems):
        return dataclasses.replace(change, problems=[]), warnings + change.notices
    return change, []


def elsewhere(field: Field, problems: list[Problem]) -> list[tuple[Problem, str]]:
    """The errors of a refused answer that are on other fields, each with that field's
    Russian title — when every error is elsewhere, another try of this answer cannot help:
    the other field is to be put right first (or this question skipped). Empty when an error
    is on the field itself (this answer is wrong: ask again)."""
    errors = [p for p in problems if p.is_error]
    inside = f"{field.pointer}/"
    own = [p for p in errors if p.pointer == field.pointer or p.pointer.startswith(inside)]
    if not errors or own:
        return []
    return [(p, titled(p.pointer)) for p in errors]
