"""`ropcli --help` from the table of commands, without importing Typer or any command.

The page is laid out exactly as the root group lays it out (click's help formatter: the
usage line, the description, the options and the commands as definition lists, the
commands' help cut to the width left) — `tests/test_lazy_commands.py` compares the two at
many widths, so the page cannot drift from the real one.
"""

from __future__ import annotations

import shutil
import textwrap

from ropcli.cli import commands
from ropcli.cli.words import COMMAND_METAVAR, OPTIONS_METAVAR, RUSSIAN, USAGE


class _Wrapper(textwrap.TextWrapper):
    def _handle_long_word(  # a word longer than the line is cut, as click cuts it
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> str:
    wrapper = _Wrapper(width, initial_indent=first, subsequent_indent=rest)
    wrapper.replace_whitespace = False
    return wrapper.fill(text.expandtabs())


def short_help(text: str, limit: int) -> str:
    """A command's help cut to `limit` characters at a word, with «...» (click's rule)."""
    words = text.split()
    total, index = 0, 0
    for index, word in enumerate(words):
        total += len(word) + (index > 0)
        if total > limit:
            break
        if word.endswith("."):
            return " ".join(words[: index + 1])
        if total == limit and index != len(words) - 1:
            break
    else:
        return " ".join(words)
    total += 3
    while index > 0:
        total -= len(words[index]) + (index > 0)
        if total <= limit:
            break
        index -= 1
    return " ".join(words[:index]) + "..."


def _definitions(rows: list[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    first_col = min(max(len(first) for first, _ in rows), 30) + 2
    lines: list[str] = []
    for first, second in rows:
        head = " " * indent + first
        if len(first) <= first_col - 2:
            head += " " * (first_col - len(first))
        else:
            lines.append(head)
            head = " " * (first_col + indent)
        wrapped = _wrap(second, max(width - first_col - 2, 10)).splitlines()
        lines.append(head + wrapped[0])
        lines += [" " * (first_col + indent) + line for line in wrapped[1:]]
    return lines


def page(width: int | None = None, prog: str = "ropcli") -> str:
    """The root help, `width` columns wide (by default as click takes it from the terminal)."""
    if width is None:
        width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
    prefix = f"{USAGE}{prog} "
    arguments = f"{OPTIONS_METAVAR} {COMMAND_METAVAR}"
    if width >= len(prefix) + 20:
        usage = _wrap(arguments, width, prefix, " " * len(prefix))
    else:
        indent = " " * (len(USAGE) + 4)
        usage = prefix + "\n" + _wrap(arguments, width, indent, indent)
    limit = width - 6 - max(len(name) for name in commands.COMMANDS)
    listed = [(name, short_help(c.help, limit)) for name, c in commands.COMMANDS.items()]
    lines = [
        usage,
        "",
        _wrap(commands.ROOT_HELP, width, "  ", "  "),
        "",
        RUSSIAN["Options"] + ":",
        *_definitions(list(commands.ROOT_OPTIONS), width),
        "",
        RUSSIAN["Commands"] + ":",
        *_definitions(listed, width),
    ]
    return "\n".join(lines)
