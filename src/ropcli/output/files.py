"""Writing a command's output to a file the user named (`--out PATH`).

An existing file is kept unless the user says `--force` (ARCHITECTURE.md, exit 3); the write is
atomic, so a calendar application subscribed to the file never reads half of it.

`--out -` is standard output, as everywhere on the command line (a file really named «-»
is given with its folder, `--out /path/to/-`: typer's Path turns «./-» into «-»). Text
goes there as it is; bytes that are not text (a Word document) go there only when the
output is redirected — on a terminal they would be garbage, so that is refused (exit 2)
with a hint to name a file or redirect.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ropcli.core.problems import ExitCode, RopcliError, os_reason
from ropcli.yamlio import atomic_write
from ropcli.yamlio.writing import ReadOnlyFile

STDOUT = "-"


def is_stdout(path: Path | str | None) -> bool:
    """Whether `--out` names standard output: exactly «-»."""
    return path is not None and str(path) == STDOUT


def is_binary(content: bytes) -> bool:
    """Bytes a terminal cannot show: not UTF-8 text, or with NUL bytes (docx is a zip)."""
    if b"\x00" in content:
        return True
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def write_stdout(content: bytes) -> None:
    """`content` to standard output's byte stream, unchanged (a CSV keeps its BOM)."""
    if is_binary(content) and sys.stdout.isatty():
        raise RopcliError(
            "--out -: это двоичный файл, на экране он превратится в мусор; укажите имя файла "
            "(--out ИМЯ) или перенаправьте вывод в файл (> ИМЯ)",
            ExitCode.USAGE,
        )
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # pragma: no cover - a text-only stream put in place by a host
        sys.stdout.write(content.decode("utf-8", errors="replace"))
    else:
        stream.write(content)
        stream.flush()


def write_output(path: Path, content: bytes, *, force: bool) -> None:
    """Write `content` to `path` (`-`: standard output); every reason it cannot is a
    `RopcliError` (exit 3)."""
    if is_stdout(path):
        write_stdout(content)
        return
    if path.is_dir():
        raise RopcliError(f"нельзя записать в «{path}»: это папка; укажите имя файла")
    if path.exists() and not force:
        raise RopcliError(
            f"файл «{path}» уже существует; чтобы заменить его, добавьте --force",
            ExitCode.CANNOT_RUN,
        )
    if not path.parent.is_dir():
        raise RopcliError(f"нельзя записать «{path}»: папки «{path.parent}» нет")
    try:
        atomic_write(path, content)
    except ReadOnlyFile:
        raise RopcliError(
            f"нельзя записать «{path}»: файл защищён от записи (только для чтения); снимите "
            "защиту, если его нужно заменить"
        ) from None
    except OSError as exc:
        reason = os_reason(exc)
        raise RopcliError(f"нельзя записать «{path}»: {reason}") from None
