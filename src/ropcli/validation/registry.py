"""Finding and opening a registry folder: discovery, settings, the sites folder."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from ropcli.core.problems import ExitCode, Problem, RopcliError
from ropcli.core.settings import Settings
from ropcli.validation.schema import SchemaChecker
from ropcli.yamlio import link_target, read_file

SETTINGS_FILE = "ropcli.yaml"
SITES_DIR = "sites"
ENV_VAR = "ROPCLI_REGISTRY"


class SettingsError(RopcliError):
    """`ropcli.yaml` is there but wrong: no command can trust its numbers (exit 3)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            f"{SETTINGS_FILE} содержит ошибки — исправьте их, и команда заработает",
            ExitCode.CANNOT_RUN,
        )
        self.problems = problems


def discover(explicit: Path | None, cwd: Path, environ: dict[str, str] | None = None) -> Path:
    """`--registry`, then $ROPCLI_REGISTRY, then the nearest folder up with ropcli.yaml,
    then ./registry — first match wins."""
    environ = dict(os.environ) if environ is None else environ
    for given, origin in ((explicit, "--registry"), (environ.get(ENV_VAR), ENV_VAR)):
        if given:
            path = Path(given)
            if not path.is_dir():
                raise RopcliError(
                    f"реестр не найден: {origin} указывает на «{given}», а такой папки нет"
                )
            if not (path / SETTINGS_FILE).is_file() and not (path / SITES_DIR).is_dir():
                # A mistyped path in CI must not pass as "0 files, all fine".
                raise RopcliError(
                    f"«{given}» ({origin}) — не папка реестра: в ней нет ни {SETTINGS_FILE}, "
                    f"ни папки {SITES_DIR}/; укажите папку, где они лежат"
                )
            return path
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    if (cwd / "registry" / SETTINGS_FILE).is_file():
        return cwd / "registry"
    raise RopcliError(
        "реестр не найден: нет файла ropcli.yaml ни в текущей папке, ни выше, ни в ./registry. "
        "Укажите папку реестра: ropcli --registry ПАПКА … или переменная ROPCLI_REGISTRY"
    )


def registry_of(path: Path) -> Path | None:
    """The registry a file or folder given on the command line belongs to: the nearest folder
    at or above it that holds ropcli.yaml (None if there is none)."""
    start = path.resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return None


def site_id_of(file: str) -> str:
    """The site id a file name stands for: `sites/kursk-sosh-5.yaml` → `kursk-sosh-5`."""
    return PurePosixPath(file).name.rsplit(".", 1)[0]


@dataclass
class Registry:
    root: Path
    settings: Settings = field(default_factory=Settings)
    reference_schema: bool = False  # tests: jsonschema alone, without the compiled fast path

    @cached_property
    def schema_checker(self) -> SchemaChecker:
        return SchemaChecker(self.settings, reference=self.reference_schema)

    @property
    def sites_dir(self) -> Path:
        return self.root / SITES_DIR

    @cached_property
    def _absolute_root(self) -> str:
        return os.path.abspath(self.root)

    def relative(self, path: Path) -> str:
        """How problems name a file: relative to the registry root, with forward slashes.

        Absolute paths without resolving links: cheap enough to call for 10,000 files, and a
        registry reached through a link still names its files from its own root.
        """
        absolute = absolute_path(path)
        root = self._absolute_root
        if absolute.startswith(root + os.sep):  # abspath has normalised it already
            inside = absolute[len(root) + 1 :]
            return inside if os.sep == "/" else inside.replace(os.sep, "/")
        return path.as_posix()


_FOLDERS: dict[str, str] = {}


def absolute_path(path: Path) -> str:
    """`os.path.abspath(path)`, each folder made absolute once (a register lists 10,000
    files of one folder, and `abspath` normalises the whole path every time)."""
    text = os.fspath(path)
    head, sep, tail = text.rpartition(os.sep)
    odd = text.startswith(os.sep * 2) or (os.altsep and os.altsep in tail)  # //host, C:/
    if not sep or not head or tail in ("", ".", "..") or odd:
        return os.path.abspath(text)
    key = head if os.path.isabs(head) else f"{os.getcwd()}\0{head}"  # relative: from here
    folder = _FOLDERS.get(key)
    if folder is None:
        if len(_FOLDERS) > 1000:
            _FOLDERS.clear()
        folder = _FOLDERS[key] = os.path.abspath(head).rstrip(os.sep)
    return folder + os.sep + tail


def refuse_linked_sites(root: Path) -> None:
    """`sites/` must be a folder of the registry itself, not a link (exit 3).

    Outside the registry it would quote whatever `*.yaml` it reaches; inside, the files
    would have two paths, and the append-only check of a pull request compares by path.
    """
    folder = root / SITES_DIR
    if folder.is_symlink():
        raise RopcliError(
            f"папка {SITES_DIR}/ в реестре — символическая ссылка на «{link_target(folder)}»: "
            f"файлы площадок должны лежать в самой папке {SITES_DIR}/ реестра (по путям "
            "файлов проверяются pull request'ы); замените ссылку папкой с файлами"
        )


def settings_path(root: Path) -> Path | None:
    """Where `ropcli.yaml` is read from: None when there is none; a link is followed only
    to a file inside the registry — one pointing outside stops the command (exit 3), so
    that no error message ever quotes a file from elsewhere on the machine."""
    path = root / SETTINGS_FILE
    if not path.is_symlink():
        return path if os.path.lexists(path) else None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken link, a loop
        raise RopcliError(
            f"{SETTINGS_FILE} — символическая ссылка на «{link_target(path)}», которая никуда "
            "не ведёт: положите сюда сам файл настроек"
        ) from None
    if not target.is_relative_to(root.resolve()):
        raise RopcliError(
            f"{SETTINGS_FILE} — символическая ссылка на «{link_target(path)}», за пределы "
            "папки реестра: настройки читаются только из реестра; положите сюда сам файл"
        )
    return target


def open_registry(root: Path) -> Registry:
    refuse_linked_sites(root)
    path = settings_path(root)
    if path is None:
        return Registry(root)
    loaded = read_file(path, SETTINGS_FILE)
    # Every setting is optional, so a file with nothing but comments means "all defaults".
    problems = [p for p in loaded.problems if p.rule != "empty-file"]
    if loaded.document is not None and not problems:
        checker = SchemaChecker(Settings())
        problems = checker.check("settings", loaded.document.data, loaded.document, SETTINGS_FILE)
    if problems:
        raise SettingsError(problems)
    data = loaded.document.data if loaded.document else {}
    return Registry(root, Settings.from_data(data))
