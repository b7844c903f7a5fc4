"""Where rendered documents go, and what `render --list` says about the templates.

`destinations` decides every path before anything is written, so a refusal (a file that
exists without --force, a file name given for several documents) leaves nothing half
done; `write_all` then writes each file atomically through `ropcli.output.files`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ropcli.core.problems import ExitCode, RopcliError, os_reason
from ropcli.documents.catalog import DOCUMENTS
from ropcli.documents.environment import TemplateDirs
from ropcli.documents.names import EXTENSIONS
from ropcli.documents.render import Output
from ropcli.output.files import write_output

STDOUT = "-"


def is_folder(raw: str) -> bool:
    """`--out orders/` names a folder (made if missing); so does an existing folder."""
    return raw.endswith(("/", os.sep)) or Path(raw).is_dir()


def destinations(
    outputs: Sequence[Output], raw: str | None, *, force: bool
) -> list[tuple[Path | None, bytes]]:
    """(path, bytes) per document; a None path means standard output (`--out -`)."""
    if raw == STDOUT:
        binary = (EXTENSIONS["docx"], EXTENSIONS["pdf"], EXTENSIONS["xlsx"])
        if len(outputs) != 1 or outputs[0].name.endswith(binary):
            raise RopcliError(
                "на экран («--out -») выводится только один документ в формате md или html",
                ExitCode.USAGE,
            )
        return [(None, outputs[0].content)]
    targets: list[tuple[Path, bytes]]
    if raw is None or is_folder(raw):
        folder = Path(raw) if raw else Path.cwd()
        targets = [(folder / o.name, o.content) for o in outputs]
    elif len(outputs) > 1:
        names = ", ".join(o.name for o in outputs)
        raise RopcliError(
            f"документов получилось {len(outputs)} ({names}): в --out укажите папку, а не файл",
            ExitCode.USAGE,
        )
    else:
        targets = [(Path(raw), outputs[0].content)]
    existing = [str(path) for path, _ in targets if path.exists() and not force]
    if existing:
        raise RopcliError(
            f"файл уже существует: {', '.join(existing)}; чтобы заменить, добавьте --force "
            "(ни один файл не записан)",
            ExitCode.CANNOT_RUN,
        )
    return list(targets)


def write_all(
    targets: Sequence[tuple[Path | None, bytes]], raw: str | None, *, force: bool
) -> None:
    """Write every file; a folder named with a trailing slash is made first."""
    if raw and raw != STDOUT and is_folder(raw):
        try:
            Path(raw).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RopcliError(f"нельзя создать папку «{raw}»: {os_reason(exc)}") from None
    for path, content in targets:
        if path is not None:
            write_output(path, content, force=force)


def list_documents(registry_root: Path | None) -> str:
    """`render --list`: each document, its formats, and where each template comes from."""
    dirs = TemplateDirs.for_registry(registry_root)
    lines = []
    if dirs.override is None:
        where = f"в {registry_root / 'templates'} нет" if registry_root else "реестр не найден"
        lines.append(f"Переопределённых шаблонов нет ({where}); все шаблоны встроенные.")
    else:
        lines.append(f"Шаблоны из {dirs.override} заменяют встроенные с тем же именем.")
    for kind in DOCUMENTS.values():
        lines.append("")
        lines.append(f"{kind.name:<16} {kind.title}")
        for fmt in kind.formats:
            if fmt == "xlsx":  # made from the context without a template
                lines.append(f"  {fmt:<6} {'(таблица Excel)':<26} без шаблона")
                continue
            name = kind.template_name(fmt)
            lines.append(f"  {fmt:<6} {name:<26} {_origin(dirs, name)}")
        for name in kind.parts:
            lines.append(f"  {'часть':<6} {name:<26} {_origin(dirs, name)}")
    return "\n".join(lines) + "\n"


def _origin(dirs: TemplateDirs, name: str) -> str:
    found = dirs.locate(name)
    if found is None:
        return "нет шаблона!"
    path, overridden = found
    return f"из реестра: {path}" if overridden else "встроенный"
