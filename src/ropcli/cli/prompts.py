"""Prompts of `new` and `record` on a terminal: each answer is checked as it is typed; a wrong
one is said in Russian and asked again, and the answers already given are kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ropcli.cli.app import fail, shown_words, word_choice
from ropcli.core.problems import ExitCode

if TYPE_CHECKING:
    from ropcli.core.settings import Settings

T = TypeVar("T")
Text = str | None


def words(value: str) -> str:
    """One line of text: runs of spaces and line breaks become single spaces."""
    result = " ".join(value.split())
    if not result:
        raise typer.BadParameter("пустое значение")
    return result


def checked_prompt(label: str, parse: Callable[[str], T], default: str | None = None) -> T:
    """Ask until the answer parses: a wrong one is said in Russian and asked again, so the
    answers already given are kept (Ctrl-C / Ctrl-D: «Прервано.», exit 1)."""
    while True:
        answer = typer.prompt(label, default=default, show_default=bool(default))
        try:
            return parse(answer)
        except typer.BadParameter as exc:
            typer.echo(f"Ошибка: {exc.message} — попробуйте ещё раз.", err=True)


def optional(parse: Callable[[str], str]) -> Callable[[str], str | None]:
    """An answer that may be left empty (Enter: fill the field later in the file)."""

    def check(value: str) -> str | None:
        return parse(value) if value.strip() else None

    return check


def identifier(kind: str) -> Callable[[str], str]:
    """ИНН ("inn") or ОГРН ("ogrn"): the digits with a right check digit — the same check as
    the answers of `ropcli fill` (`ropcli.editing.answers.check_digits`)."""
    from ropcli.editing.answers import BadAnswer, check_digits

    def parse(value: str) -> str:
        try:
            return check_digits(kind, value)
        except BadAnswer as exc:
            raise typer.BadParameter(exc.message) from None

    return parse


def municipality_parser(settings: Settings) -> Callable[[str], str]:
    """A municipality by its name («Хомутовский район», «Курск») or its code."""
    from ropcli.core.labels import municipality_words

    names = {m.id: m.name for m in settings.municipalities.values()}
    return word_choice(municipality_words(names), "муниципалитета")


def municipality_code(value: str | None, settings: Settings) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return municipality_parser(settings)(value)
    except typer.BadParameter as exc:
        raise fail(f"--municipality: {exc.message}", ExitCode.USAGE) from None


def organization_prompts(settings: Settings) -> list[tuple[str, str, Callable[[str], Any]]]:
    from ropcli.core.labels import SITE_TYPE_WORDS

    return [
        ("full_name", "Полное наименование организации", optional(words)),
        ("short_name", "Сокращённое наименование", optional(words)),
        (
            "type",
            f"Тип ({shown_words(SITE_TYPE_WORDS)})",
            word_choice(SITE_TYPE_WORDS, "типа"),
        ),
        ("inn", "ИНН", optional(identifier("inn"))),
        ("ogrn", "ОГРН", optional(identifier("ogrn"))),
        (
            "municipality",
            "Муниципалитет (название, например «Хомутовский район», или код)",
            optional(municipality_parser(settings)),
        ),
    ]


def prompt_organization(values: dict[str, Text], settings: Settings) -> dict[str, Text]:
    """Ask for each field not given: each answer is checked as it is typed, a wrong one is
    asked again and the good ones are kept."""
    typer.echo("Пустой ответ (Enter) — заполнить поле позже в файле.", err=True)
    result = dict(values)
    for key, label, parse in organization_prompts(settings):
        if result[key] is None:
            default = "школа" if key == "type" else ""
            result[key] = checked_prompt(label, parse, default=default)
    return result
