"""What went wrong with a file, in words a coordinator can act on: encodings and syntax."""

from __future__ import annotations

import re
import unicodedata

import yaml

from ropcli.core.problems import ERROR, Problem

# PyYAML's English phrases -> what a coordinator should do about them.
_SYNTAX_HINTS = (
    ("tab character", "символ табуляции в отступе: YAML допускает только пробелы"),
    (
        "cannot start any token",
        "символ, с которого не может начинаться значение (табуляция, @ или `): "
        "замените табуляцию пробелами, текст с такими символами возьмите в кавычки",
    ),
    (
        "mapping values are not allowed",
        "лишнее двоеточие: если в тексте значения есть «: », возьмите всё значение в кавычки",
    ),
    ("could not find expected ':'", "нет двоеточия после ключа (ожидается «ключ: значение»)"),
    (
        "did not find expected key",
        "нарушен отступ: ключи одного уровня должны начинаться с одной и той же позиции",
    ),
    (
        "did not find expected '-' indicator",
        "нарушен отступ в списке: элементы списка должны начинаться с «- » на одной позиции",
    ),
    ("did not find expected ',' or ']'", "не закрыт список в квадратных скобках: нет «]»"),
    ("did not find expected ',' or '}'", "не закрыт словарь в фигурных скобках: нет «}»"),
    (
        "found unexpected end of stream",
        "файл закончился раньше времени: не закрыта кавычка или скобка",
    ),
    ("expected <block end>", "нарушен отступ: строка сдвинута не на тот уровень"),
    ("but found another document", "в файле больше одного документа (строка «---»): оставьте один"),
    ("found undefined tag handle", "неизвестный тег «!»: уберите его"),
    (
        "exceeded maximum nesting depth",
        "вложенность глубже 1000 уровней: проверьте отступы и скобки",
    ),
)

# What YAML lets a file hold (its printable set, which libyaml enforces): tab, line breaks
# and everything else except C0 and C1 controls (NEL aside), DEL, surrogates, U+FFFE/FFFF.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# YAML's line breaks: what libyaml counts lines by (and str.splitlines splits at, too).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC"}


def _problem(file: str, line: int, column: int, rule: str, message: str) -> Problem:
    return Problem(file=file, line=line, column=column, rule=rule, severity=ERROR, message=message)


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (a BOM is fine); Windows-1251 and UTF-16 are named so the user can re-save."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _problem(
            file, 1, 1, "encoding", "файл в кодировке UTF-16; сохраните его в кодировке UTF-8"
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = raw.decode("cp1251", errors="replace")
        cyrillic = sum(1 for ch in guess if "\u0400" <= ch <= "\u04ff")
        if cyrillic >= 3:
            message = (
                "файл сохранён в кодировке Windows-1251, а нужна UTF-8: откройте его в "
                "редакторе и сохраните в UTF-8 (в Блокноте: «Сохранить как» → "
                "«Кодировка: UTF-8»)"
            )
        else:
            message = (
                f"файл не в кодировке UTF-8 (байт 0x{raw[exc.start]:02X}); сохраните его в UTF-8"
            )
        return None, _problem(file, line, column, "encoding", message)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    english = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    hint = next((ru for en, ru in _SYNTAX_HINTS if en in english), None)
    message = f"ошибка синтаксиса YAML: {hint or english}"
    quote_line = _unclosed_quote_line(text, line)
    if quote_line:
        message += f"; похоже, не закрыта кавычка в строке {quote_line}"
    elif exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        message += f" (началось в строке {exc.context_mark.line + 1})"
    return _problem(file, line, column, "yaml", message)


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """The last line up to `before` with an odd number of straight double quotes.

    An unclosed quote swallows the following lines, so the parser complains later, about
    indentation; the line with the odd quote is where the user must look.
    """
    lines = text.splitlines()
    for number in range(min(before, len(lines)), 0, -1):
        code = lines[number - 1].split(" #", 1)[0]
        if code.lstrip().startswith("#"):
            continue
        if (code.count('"') - code.count('\\"')) % 2 == 1:
            return number
    return None


def position_of(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column in characters) of `text[index]`, lines as YAML counts them."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def forbidden_character(text: str, file: str) -> Problem | None:
    """The first character YAML does not allow, named and placed (libyaml would say only
    «control characters are not allowed» and a character offset)."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    code = ord(found[0])
    kind = "управляющий символ" if unicodedata.category(found[0]) == "Cc" else "символ"
    name = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
    more = len(_FORBIDDEN.findall(text, found.end()))
    others = f"; таких символов в файле ещё {more}" if more else ""
    line, column = position_of(text, found.start())
    return _problem(
        file,
        line,
        column,
        "yaml",
        f"недопустимый {kind} U+{code:04X}{name}: YAML его не допускает; удалите его (такие "
        f"символы попадают в файл при копировании из других программ){others}",
    )


def visible(text: str) -> str:
    """`text` with every character YAML does not allow replaced by one visible character (a
    control picture such as «␛», or «�»), so an excerpt shows where it is, keeps its
    columns, and cannot steer the terminal it is printed on."""
    return _FORBIDDEN.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"
