"""The one record every check produces (ARCHITECTURE.md).

YAML syntax errors, schema errors and domain rules all end up as `Problem`s; exceptions
are kept for "cannot run" (`RopcliError`), never for bad data.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

ERROR = "error"
WARNING = "warning"


class ExitCode(IntEnum):
    """ARCHITECTURE.md. One meaning each; the CLI is the only place that exits with them."""

    OK = 0
    PROBLEMS = 1  # validation errors, --strict warnings, a --fail-on state, a refused render
    USAGE = 2
    CANNOT_RUN = 3  # no registry, unreadable settings/schema/template, output exists


class RopcliError(Exception):
    """Something that stops a command from running at all (exit 3 unless told otherwise)."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.CANNOT_RUN) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    clause: str | None = None
    pointer: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "clause": self.clause,
            "pointer": self.pointer,
            "message": self.message,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


# What the system said, in the users' words (its own text is English on most machines).
OS_REASONS = {
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "нет прав доступа",
    errno.ENOENT: "нет такого файла или папки",
    errno.ENOTDIR: "часть пути — не папка",
    errno.EISDIR: "это папка, а не файл",
    errno.EEXIST: "уже существует",
    errno.EROFS: "файловая система только для чтения",
    errno.ENOSPC: "нет места на диске",
    errno.ENAMETOOLONG: "слишком длинное имя",
    errno.ELOOP: "слишком много символических ссылок",
    errno.EBUSY: "файл занят другой программой",
    errno.ETIMEDOUT: "время ожидания истекло",
    errno.ECONNREFUSED: "соединение отклонено",
}


def os_reason(exc: BaseException) -> str:
    """Why an operating-system call failed, in Russian where the error is a known one."""
    number = getattr(exc, "errno", None)
    if number in OS_REASONS:
        return OS_REASONS[number]
    return getattr(exc, "strerror", None) or str(exc)
