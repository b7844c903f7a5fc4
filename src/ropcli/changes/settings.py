"""Changes a pull request makes to the rules themselves: `ropcli.yaml` and `templates/`.

The settings decide what every check means (`term.max_years: 10` makes a ten-year status
pass), and the registry's templates word every order and letter. A change to either is
legitimate but never incidental, so it is a finding a reviewer must accept: an error
naming what changed, which `ropcli diff --allow-settings` accepts.

`ropcli.yaml` is compared as data at the fork point and in the working tree — each read the
way ropcli reads it (git's `cat-file --follow-symlinks` at the commit; the file through any
link in the working tree) — so comments and key order change nothing, and a link cannot
change the settings behind git's back. Templates are judged by git's own list of changes
under `templates/` (the renderer refuses linked templates, so content behind a link does
not matter there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ropcli.changes.data import flat_changes
from ropcli.core import gitrepo
from ropcli.core.gitrepo import Change
from ropcli.core.problems import ERROR, Problem
from ropcli.core.safetext import printable
from ropcli.validation.change_rules import (
    ALLOW_SETTINGS,
    CLAUSES,
    REGISTRY_MOVED,
    SETTINGS_CHANGED,
    TEMPLATE_CHANGED,
)
from ropcli.validation.registry import SETTINGS_FILE, Registry
from ropcli.yamlio import Document, join_pointer, parse_bytes, read_file

TEMPLATES_DIR = "templates"  # `<registry>/templates/`: overrides of the built-in templates

_ACCEPT = f"если изменение согласовано, запустите с {ALLOW_SETTINGS}"


def settings_change(
    top: Path, commit: str, prefix: str, registry: Registry, listed: bool
) -> tuple[Problem, str] | None:
    """The finding for a changed `ropcli.yaml` and the file's text (for the excerpt), or None
    when its data is the same (a missing or empty file means "all defaults"). `listed`: git
    lists the file as changed."""
    old = gitrepo.read(top, commit, [prefix + SETTINGS_FILE])[prefix + SETTINGS_FILE]
    before = _data(parse_bytes(old.data, SETTINGS_FILE).document) if old.is_file else {}
    path = registry.root / SETTINGS_FILE
    linked = path.is_symlink()
    # A link is read at the file it leads to, if that is inside the checkout (never beyond).
    real = gitrepo.file_in_checkout(top, path) if linked else path
    document = read_file(real, SETTINGS_FILE).document if real and real.is_file() else None
    after = _data(document)
    if before == after and not (linked and listed):
        return None
    parts, where = flat_changes(before, after, form="settings")
    if linked:
        how = "символической ссылкой" + ("" if real else " за пределы репозитория (не прочитан)")
        parts = "; ".join(filter(None, [parts, f"{SETTINGS_FILE} стал {how}"]))
    elif not path.exists():
        parts = "; ".join(filter(None, [f"файл {SETTINGS_FILE} удалён", parts]))
    message = (
        f"изменены настройки реестра {SETTINGS_FILE}: {parts} — это меняет правила для всех "
        f"площадок; {_ACCEPT}"
    )
    if document is None:
        return _problem(SETTINGS_FILE, SETTINGS_CHANGED, message), ""
    problem = document.problem(
        SETTINGS_FILE, join_pointer(*where), SETTINGS_CHANGED, ERROR, message, None
    )
    return problem, document.text


def _data(document: Document | None) -> Any:
    return document.data if document is not None and document.data is not None else {}


def moved_registry(top: Path, commit: str, prefix: str, ref: str) -> Problem | None:
    """The registry checked is not where REF keeps one: REF has `ropcli.yaml` elsewhere and
    none here. (A pull request adding a `ropcli.yaml` above the registry would otherwise
    make ropcli, looking upwards from the current folder, check that folder instead — and
    nothing of the real registry.)"""
    found = gitrepo.files_named(top, commit, SETTINGS_FILE)
    if not found or prefix + SETTINGS_FILE in found:
        return None
    here = printable(prefix.rstrip("/")) or "корень репозитория"
    there = ", ".join(printable(f.rpartition("/")[0]) or "корень репозитория" for f in found[:3])
    return _problem(
        SETTINGS_FILE,
        REGISTRY_MOVED,
        f"проверяется папка реестра «{here}», а в {ref} реестр лежит в «{there}» (там "
        f"{SETTINGS_FILE}, здесь его не было): новый {SETTINGS_FILE} подменяет папку реестра, "
        "и настоящий реестр остаётся непроверенным — уберите лишний файл или укажите папку "
        "реестра: ropcli --registry ПАПКА diff …",
    )


def template_changes(changes: list[Change], prefix: str) -> list[Problem]:
    """One finding per file git lists as changed under `templates/` (or the folder itself
    turned into a link)."""
    found: list[Problem] = []
    for change in changes:
        file = change.path[len(prefix) :]
        if file != TEMPLATES_DIR and not file.startswith(TEMPLATES_DIR + "/"):
            continue
        shown = printable(file)
        if change.new_mode == gitrepo.SYMLINK:
            what = f"{shown} стал символической ссылкой (такой шаблон ropcli не читает)"
        elif change.status == "A":
            what = f"добавлен шаблон документов {shown}"
        elif change.status == "D":
            what = f"удалён шаблон документов {shown}"
        else:
            what = f"изменён шаблон документов {shown}"
        found.append(
            _problem(
                file,
                TEMPLATE_CHANGED,
                f"{what}: шаблоны реестра задают тексты приказов, заявок и писем для всех "
                f"площадок; {_ACCEPT}",
            )
        )
    return found


def _problem(file: str, rule: str, message: str) -> Problem:
    return Problem(file, 1, 1, rule, ERROR, message, CLAUSES[rule])
