"""Writing a command's output to a file the user named (`--out PATH`).

An existing file is kept unless the user says `--force` (SPEC §3, exit 3); the write is
atomic, so a calendar application subscribed to the file never reads half of it.
"""

from __future__ import annotations

import errno
from pathlib import Path

from ropcli.problems import ExitCode, RopcliError
from ropcli.yamlio import atomic_write

REASONS = {
    errno.EACCES: "нет прав на запись",
    errno.EPERM: "нет прав на запись",
    errno.ENOENT: "нет такой папки",
    errno.EROFS: "файловая система только для чтения",
    errno.ENOSPC: "нет места на диске",
}


def write_output(path: Path, content: bytes, *, force: bool) -> None:
    """Write `content` to `path`; every reason it cannot is a `RopcliError` (exit 3)."""
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
    except OSError as exc:
        reason = REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        raise RopcliError(f"нельзя записать «{path}»: {reason}") from None
