"""The command line's own words in Russian: typer's and click's messages, usage errors, metavars.

Two ways in, because typer carries two kinds of text. What typer and click pass through
`gettext` (section headings, «[required]», «[default: …]», «Aborted!», «No such command»)
is answered by `CATALOG`, a `gettext.NullTranslations` with the exact English msgids,
installed into those modules by `install()`. The option parser typer ships inside itself
writes its errors without `gettext`; `usage_message` says each kind of error (by its
exception class and values, not by its English text) in Russian.
"""

from __future__ import annotations

import gettext
import re
import sys
from typing import Any

# msgid → Russian. The msgids are the exact strings typer (typer/core.py) and click pass to
# gettext; a msgid with «{name!r}» keeps its field name, so `.format(name=…)` still works.
RUSSIAN: dict[str, str] = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Arguments": "Аргументы",
    "Commands": "Команды",
    "Positional arguments": "Аргументы",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "required": "обязательно",
    "default: {default}": "по умолчанию: {default}",
    "env var: {var}": "переменная окружения: {var}",
    "(dynamic)": "(вычисляется)",
    "deprecated": "устарело",
    "Aborted!": "Прервано.",
    "Missing command.": "не указана команда",
    "No such command {name!r}.": "нет такой команды «{name}»",
    "No such option {name!r}.": "нет такого параметра {name}",
    "Missing argument": "не указан аргумент",
    "Missing option": "не указан параметр",
    "Missing parameter": "не указано значение",
    "Error: {message}": "Ошибка: {message}",
    "Invalid value: {message}": "недопустимое значение: {message}",
    "Invalid value for {param_hint}: {message}": "недопустимое значение {param_hint}: {message}",
    "Try '{command} {option}' for help.": "Справка: {command} {option}",
    "Error: invalid input": "Ошибка: ответ не понят",
    "Repeat for confirmation": "Повторите для подтверждения",
    "Error: The two entered values do not match.": "Ошибка: ответы не совпадают.",
    "Do you want to continue?": "Продолжить?",
    "Press any key to continue...": "Нажмите любую клавишу…",
    "Did you mean {possibility}?": "Может быть, {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Может быть, одно из: {possibilities}?)",
    "Got unexpected extra argument ({args})": "лишний аргумент: {args}",
    "Got unexpected extra arguments ({args})": "лишние аргументы: {args}",
    "Option {name!r} requires an argument.": "у параметра {name} должно быть значение",
    "Option {name!r} requires {nargs} arguments.": "у параметра {name} должно быть значений: "
    "{nargs}",
    "Option {name!r} does not take a value.": "параметр {name} пишется без значения",
}

USAGE = "Использование: "
OPTIONS_METAVAR = "[ПАРАМЕТРЫ]"
COMMAND_METAVAR = "КОМАНДА [АРГУМЕНТЫ]..."
HELP_TEXT = RUSSIAN["Show this message and exit."]
ERROR = "Ошибка: "
ABORTED = RUSSIAN["Aborted!"]
GLOBAL_HEADING = "Общие параметры (до или после имени команды)"


class RussianCatalog(gettext.NullTranslations):
    """A message catalog held as a Python dict: no .mo file to compile and ship."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


CATALOG = RussianCatalog(RUSSIAN)


def install() -> None:
    """Answer every `gettext`/`ngettext` call of typer and click from `CATALOG`.

    Their modules bind `from gettext import gettext as _` at import, so the catalog is set
    where they look it up — in each module — rather than in the process-wide domain, which
    would also translate other programs' strings.
    """
    import typer.core  # noqa: F401  (imported so it is in sys.modules)

    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("click", "typer")):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = CATALOG.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = CATALOG.ngettext  # type: ignore[attr-defined]


# The few usage errors the built-in parser raises as plain text, and typer's suggestion
# tacked onto «No such command»: pattern → Russian.
_PLAIN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(.*?)\.? Did you mean (.+)\?$", re.S), "{0}. Может быть, {1}?"),
    (re.compile(r"^Got unexpected extra argument\(s\) \((.*)\)$", re.S), "лишний аргумент: {0}"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "у параметра {0} должно быть значение"),
    (
        re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"),
        "у параметра {0} должно быть значений: {1}",
    ),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), "параметр {0} пишется без значения"),
    (re.compile(r"^Argument '(.+)' takes (\d+) values\.$"), "у аргумента {0} значений: {1}"),
    (re.compile(r"^Value (.+) is not a valid (\w+)\.$", re.S), "{0} — недопустимое значение"),
    (re.compile(r"^Value must be an iterable\.$"), "нужен список значений"),
)


def plain(message: str) -> str:
    """A message the parser wrote in English, in Russian; anything else as it is."""
    message = CATALOG.gettext(message)
    for pattern, russian in _PLAIN:
        found = pattern.match(message)
        if found:
            if "Did you mean" in pattern.pattern:
                return russian.format(plain(found[1]), re.sub(r"'([^']*)'", r"«\1»", found[2]))
            return russian.format(*found.groups())
    return message


def param_label(param: Any) -> str:
    """How an error names a parameter: `--on` for an option, `ID` for an argument."""
    if getattr(param, "param_type_name", "") == "option":
        return "/".join(param.opts)
    return str(param.metavar or (param.name or "").upper())


def usage_message(error: Any) -> str:
    """The Russian text of a usage error of the built-in parser (without «Ошибка: »)."""
    from typer._click import exceptions as errors

    if isinstance(error, errors.NoSuchOption):
        text = f"нет такого параметра {error.option_name}"
        if error.possibilities:
            text += f". Может быть, {' или '.join(sorted(error.possibilities))}?"
        return text
    if isinstance(error, errors.MissingParameter):
        if error.param is None:
            return "не указано значение"
        label = param_label(error.param)
        if error.param.param_type_name == "option":
            return f"не указан параметр {label}"
        return f"не указан аргумент {label}"
    if isinstance(error, errors.BadParameter):
        message = plain(error.message)
        if error.param is not None:
            return f"недопустимое значение {param_label(error.param)}: {message}"
        if error.param_hint:
            return f"недопустимое значение {error.param_hint}: {message}"
        return f"недопустимое значение: {message}"
    return plain(str(error.message))


# Plain Russian in help instead of typer's «<str>», «<int>», «<path>»: by option, then by type.
_METAVAR_BY_NAME = {
    "--registry": "ПАПКА",
    "--cache-dir": "ПАПКА",
    "--order": "НОМЕР",
    "--order-number": "НОМЕР",
    "--protocol": "НОМЕР",
    "--number": "НОМЕР",
    "--inn": "ИНН",
    "--ogrn": "ОГРН",
    "--url": "ССЫЛКА",
}
_METAVAR_BY_TYPE = (("Path", "ПУТЬ"), ("date", "ДАТА"), ("int", "ЧИСЛО"))


def metavar(param: Any) -> str:
    if param.metavar:
        return str(param.metavar)
    for opt in getattr(param, "opts", ()):
        if opt in _METAVAR_BY_NAME:
            return _METAVAR_BY_NAME[opt]
    descriptor = getattr(param, "type_descriptor", None)
    annotation = str(getattr(descriptor, "annotation", ""))
    for word, label in _METAVAR_BY_TYPE:
        if word in annotation:
            return label
    if getattr(param, "param_type_name", "") == "argument":
        return (param.name or "").upper()
    return "ТЕКСТ"
