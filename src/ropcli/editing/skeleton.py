"""A new, empty registry folder (`ropcli init`): settings, folders, CI files and schemas.

What goes into the folder is the built-in templates `templates/init-*.j2`, rendered in the
sandbox, and copies of the JSON Schemas, so editor modelines (`$schema=../schemas/…`) work
wherever the registry is cloned. Nothing is written into a folder that is not empty unless
asked (`force`); files are replaced atomically, other files are never touched.
"""

from __future__ import annotations

from pathlib import Path

from ropcli import __version__
from ropcli.core.problems import ExitCode, RopcliError, os_reason
from ropcli.core.resources import data_dir
from ropcli.core.templating import FolderLoader, SafeEnvironment
from ropcli.yamlio.writing import atomic_write

# Path in the registry → built-in template.
TEMPLATES = {
    "ropcli.yaml": "init-ropcli.yaml.j2",
    "README.md": "init-README.md.j2",
    ".gitignore": "init-gitignore.j2",
    ".github/workflows/ropcli.yml": "init-github.yml.j2",
    ".gitlab-ci.yml": "init-gitlab-ci.yml.j2",
    ".pre-commit-config.yaml": "init-pre-commit.yaml.j2",
}
SCHEMAS_DIR = "schemas"
SITES_DIR = "sites"


def registry_files() -> dict[str, bytes]:
    """Every file of a new registry: relative path → content."""
    import jinja2

    environment = SafeEnvironment(
        loader=FolderLoader([data_dir("templates")]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    files = {
        path: environment.get_template(name).render(version=__version__).encode("utf-8")
        for path, name in TEMPLATES.items()
    }
    for schema in sorted(data_dir("schemas").glob("*.schema.json")):
        files[f"{SCHEMAS_DIR}/{schema.name}"] = schema.read_bytes()
    return files


def create_registry(folder: Path, *, force: bool) -> list[str]:
    """Write a new registry into `folder` (created if missing); the paths written, relative.

    A folder with anything in it is refused (exit 3) unless `force`; then the registry's own
    files are replaced and everything else stays.
    """
    if folder.exists() and not folder.is_dir():
        raise RopcliError(f"«{folder}» — это файл, а не папка; укажите папку для реестра")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise RopcliError(
            f"папка «{folder}» не пуста; реестр создаётся в пустой папке. Чтобы всё же создать "
            "его здесь (файлы реестра заменятся, остальные останутся), добавьте --force",
            ExitCode.CANNOT_RUN,
        )
    files = registry_files()
    for relative in [*files, SITES_DIR]:
        target = folder / relative
        if relative != SITES_DIR and target.is_dir():
            raise RopcliError(f"нельзя записать «{target}»: на этом месте папка")
        if relative == SITES_DIR and target.exists() and not target.is_dir():
            raise RopcliError(f"нельзя создать папку «{target}»: на этом месте файл")
    try:
        (folder / SITES_DIR).mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, content)
    except OSError as exc:
        raise RopcliError(f"нельзя создать реестр в «{folder}»: {os_reason(exc)}") from None
    return [f"{SITES_DIR}/", *files]
