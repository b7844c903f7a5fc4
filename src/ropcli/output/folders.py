"""Writing a whole folder of output (`ropcli publish --out DIR`) all at once or not at all.

The files go into a fresh temporary folder beside `DIR`; only when every one is written
does that folder take `DIR`'s place (the old one is renamed aside first and removed after),
so a failed build never leaves a half-written site. A folder this writes carries the mark
`.ropcli-publish`; an existing non-empty folder without it is refused unless `force` — it
is somebody else's, and would be replaced whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from ropcli.core.problems import ExitCode, RopcliError, os_reason

MARK = ".ropcli-publish"
MARK_TEXT = b"This folder is written by `ropcli publish` and replaced whole on every build.\n"


def made_by_us(folder: Path) -> bool:
    return (folder / MARK).is_file()


def check_target(folder: Path, *, force: bool, protect: Sequence[Path] = ()) -> None:
    """Why `folder` cannot be written, as a `RopcliError` (exit 3); nothing when it can.
    `protect`: folders that must survive whatever `force` says (the registry, the current
    folder) — `folder` may be neither one of them nor hold one."""
    resolved = folder.resolve()
    for kept in protect:
        kept = kept.resolve()
        if kept == resolved or resolved in kept.parents:
            raise RopcliError(
                f"нельзя записать сайт в «{folder}»: папка сайта заменяется целиком, а в ней "
                f"{kept}; укажите отдельную папку, например public",
                ExitCode.CANNOT_RUN,
            )
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise RopcliError(f"нельзя записать сайт в «{folder}»: это не папка", ExitCode.CANNOT_RUN)
    if folder.is_dir() and any(folder.iterdir()) and not made_by_us(folder) and not force:
        raise RopcliError(
            f"папка «{folder}» не пуста и создана не ropcli publish; её содержимое было бы "
            "заменено целиком — укажите пустую или новую папку либо добавьте --force",
            ExitCode.CANNOT_RUN,
        )
    if not folder.parent.is_dir():
        raise RopcliError(
            f"нельзя записать сайт в «{folder}»: папки «{folder.parent}» нет", ExitCode.CANNOT_RUN
        )


def _relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"недопустимое имя файла сайта: {name}")
    return path


def write_folder(
    folder: Path, files: Mapping[str, bytes], *, force: bool, protect: Sequence[Path] = ()
) -> None:
    """Replace `folder` with exactly `files` (relative POSIX paths → bytes)."""
    check_target(folder, force=force, protect=protect)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise _os_error(folder, exc) from None
    try:
        for name, content in files.items():
            target = staging.joinpath(*_relative(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        (staging / MARK).write_bytes(MARK_TEXT)
        staging.chmod(0o755)
        _swap(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _os_error(folder, exc) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, folder: Path) -> None:
    if not folder.exists():
        os.replace(staging, folder)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
    os.rmdir(aside)
    os.replace(folder, aside)
    try:
        os.replace(staging, folder)
    except OSError:
        os.replace(aside, folder)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _os_error(folder: Path, exc: OSError) -> RopcliError:
    reason = os_reason(exc)
    return RopcliError(f"нельзя записать сайт в «{folder}»: {reason}", ExitCode.CANNOT_RUN)
