"""Template files nobody vetted, read safely: only regular files inside their template
folder, never through a symbolic link, no `..` or absolute names, at most 1 MiB.

Used by every template loader of ropcli (`ropcli.core.templating` re-exports it): the
documents, the published site, the reminder letters and the scaffold of `ropcli new`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from ropcli.core.problems import os_reason

MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateRefused(jinja2.TemplateError):
    """The template breaks a rule of the sandbox (exit 3 where it is reported)."""


def _refuse(message: str) -> TemplateRefused:
    return TemplateRefused(message)


class FolderLoader(jinja2.BaseLoader):
    """Templates from the given folders, first match wins; only regular files that lie
    inside their folder, each path component a real folder (no symbolic links)."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        pieces = template_pieces(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            problem = folder_problem(folder)
            if problem:
                raise _refuse(problem)
            try:
                text = read_template(folder, pieces).decode("utf-8")
            except UnicodeDecodeError:
                raise _refuse(
                    f"шаблон {path} не в кодировке UTF-8; сохраните его как UTF-8"
                ) from None
            mtime = path.stat().st_mtime
            return text, str(path), lambda p=path, m=mtime: _unchanged(p, m)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def template_pieces(name: str) -> list[str]:
    """A template name as path pieces; absolute names and `..` are refused."""
    pieces = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise _refuse(f"шаблон «{name}»: путь должен быть относительным, внутри папки шаблонов")
    if any(piece in ("", ".", "..") for piece in pieces):
        raise _refuse(f"шаблон «{name}»: «..» и пустые части пути не допускаются")
    return pieces


def read_template(folder: Path, pieces: Sequence[str]) -> bytes:
    """The bytes of `folder/pieces…`, refused unless every step is a real folder and the
    last a regular file of at most `MAX_TEMPLATE_BYTES`; never follows a symbolic link."""
    current = folder
    shown = folder.joinpath(*pieces)
    for index, piece in enumerate(pieces):
        current = current / piece
        try:
            info = os.lstat(current)
        except OSError as exc:
            raise _refuse(f"шаблон {shown} не читается: {os_reason(exc)}") from None
        last = index == len(pieces) - 1
        if stat.S_ISLNK(info.st_mode):
            target = os.readlink(current)
            raise _refuse(
                f"шаблон {shown} — символическая ссылка (на {target}); шаблоны должны быть "
                "обычными файлами внутри папки шаблонов реестра"
            )
        if last and not stat.S_ISREG(info.st_mode):
            raise _refuse(f"шаблон {shown} — не обычный файл; замените его файлом шаблона")
        if not last and not stat.S_ISDIR(info.st_mode):
            raise _refuse(f"шаблон {shown}: {current} — не папка")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(current, flags)
    except OSError as exc:
        raise _refuse(f"шаблон {shown} не читается: {os_reason(exc)}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _refuse(f"шаблон {shown} — не обычный файл")
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise _refuse(f"шаблон {shown} больше {MAX_TEMPLATE_BYTES // 1024 // 1024} МиБ")
    return data


def template_folders(root: Path | None, builtin: Path) -> list[Path]:
    """Where templates come from for a registry: its own `templates/` folder (when it
    exists) first, then the built-in one; a `templates/` that is a link is refused."""
    own = root / "templates" if root is not None else None
    if own is not None and (problem := folder_problem(own)):
        raise TemplateRefused(problem)
    return [own, builtin] if own is not None and own.is_dir() else [builtin]


def folder_problem(folder: Path) -> str | None:
    """Why a registry's template folder cannot be used (a symbolic link, not a folder)."""
    if folder.is_symlink():
        return (
            f"папка шаблонов {folder} — символическая ссылка (на {os.readlink(folder)}); "
            "шаблоны реестра должны лежать в самой папке реестра"
        )
    return None


def template_origin(environment: jinja2.Environment, name: str) -> str:
    """The file a template name resolves to, for messages (the name when none does)."""
    loader = environment.loader
    if isinstance(loader, FolderLoader):
        for folder in loader.folders:
            if os.path.lexists(folder / name):
                return str(folder / name)
    return name
