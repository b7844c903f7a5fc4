"""Opening a register file so that a hostile pull request cannot abuse it.

A site file comes from whoever opened the pull request, so it is read only when it is what
its path says — a regular file, not a link, a device or a pipe:

* a symbolic link is refused (it names where it points, never what is there): a link to
  `/etc/passwd` would otherwise be quoted line by line in the report, and a link to another
  file of the register would let the append-only diff check look at one path while the
  content lives at another;
* the file is opened without following a link (`O_NOFOLLOW`) and without waiting
  (`O_NONBLOCK`: a named pipe would otherwise hang the run), and the type is checked on the
  opened descriptor (`fstat`), so nothing can be swapped in between checking and reading;
* the size limit is applied while reading — at most `MAX_FILE_BYTES + 1` bytes are read —
  not only by `st_size`, which is 0 for `/dev/zero` and a pipe.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ropcli.core.safetext import printable

MAX_FILE_BYTES = 1024 * 1024

_FLAGS = os.O_RDONLY
for _name in ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
    _FLAGS |= getattr(os, _name, 0)

_KINDS = (
    (stat.S_ISFIFO, "именованный канал (FIFO)"),
    (stat.S_ISCHR, "символьное устройство"),
    (stat.S_ISBLK, "блочное устройство"),
    (stat.S_ISSOCK, "сокет"),
)


class Refused(Exception):
    """A file that is not read at all: `rule` and a message for the problem."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def link_target(path: Path) -> str:
    """Where the link `path` points, as written in the link (for messages)."""
    try:
        return printable(os.readlink(path))
    except OSError:  # pragma: no cover - the link vanished in between
        return "?"


def link_message(path: Path) -> str:
    return (
        f"файл — символическая ссылка на «{link_target(path)}»: в реестре допускаются только "
        "обычные файлы; положите на это место сам файл площадки, а не ссылку на него"
    )


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "особый файл")


def too_big(size: int | None) -> str:
    amount = f" ({size} байт)" if size else ""
    return (
        f"файл больше 1 МиБ{amount}: так велик он быть не может; проверьте, что это файл площадки"
    )


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file `path`; `Refused` for anything else, `OSError` when the
    system will not give them."""
    if stat.S_ISLNK(os.lstat(path).st_mode):
        raise Refused("file-type", link_message(path))
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since lstat
            raise Refused("file-type", link_message(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # as a folder always was: unreadable
            raise Refused("unreadable", "файл не читается: это папка, а не файл")
        if not stat.S_ISREG(info.st_mode):
            raise Refused(
                "file-type",
                f"это не обычный файл, а {_kind(info.st_mode)}: в реестре допускаются только "
                "обычные файлы",
            )
        if info.st_size > limit:
            raise Refused("file-size", too_big(info.st_size))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # grew since fstat
            raise Refused("file-size", too_big(None))
        return b"".join(chunks)
    finally:
        os.close(fd)


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    found = (p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    yield from sorted(found, key=lambda p: p.name)  # names, not Paths: cheaper to compare
