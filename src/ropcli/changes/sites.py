"""Which site files a pull request touches, and what each of them means on both sides.

A site path is judged by what ropcli would read there, not by git's entry alone: at the fork
point through `git cat-file --follow-symlinks` (git resolves links inside the repository,
folders included), in the working tree through the file system. So a site file turned into
a link to `data/k5.yaml`, and a later edit of `data/k5.yaml`, are both compared with the
site's old content. The paths looked at:

* every site file git lists as changed (`git diff --raw`, untracked files as added);
* every site file that is a symbolic link on either side, whatever git lists;
* every site file on both sides when the `sites/` folder (or a folder above it inside the
  repository) is a link on either side.

A site file that is a link, where the pull request touches it, is an error (`site-symlink`);
a link that leads out of the repository (or into `.git`) is not read at all. A deleted site
file paired with an added one — the same `id`, ИНН, ОГРН or bytes — is a rename
(`site-renamed`): one error naming both paths, and the new file compared with the old one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropcli.changes.data import compare
from ropcli.core import gitrepo
from ropcli.core.gitrepo import Change, Found
from ropcli.core.problems import ERROR, Problem
from ropcli.core.safetext import printable
from ropcli.validation.change_rules import CLAUSES, SITE_DELETED, SITE_RENAMED, SITE_SYMLINK
from ropcli.validation.registry import SITES_DIR, Registry
from ropcli.yamlio import Loaded, content_digest, parse_bytes, read_file


@dataclass
class SiteFile:
    file: str  # "sites/x.yaml", relative to the registry root
    path: Path  # in the working tree
    old: Found  # at the fork point, links followed; kind "missing" when there was none
    listed: bool  # git lists the path as changed
    old_linked: bool  # a link (or under a linked folder) at the fork point
    link: str = ""  # the file itself is a link in the working tree: where it points
    unreadable: bool = False  # a link out of the repository, into .git, or to no file
    real: Path | None = None  # a link's regular file inside the checkout: what is read
    new: Loaded | None = None  # the working-tree file, read


@dataclass
class SiteOutcome:
    problems: list[Problem] = field(default_factory=list)
    to_check: list[Path] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # new text of compared files
    unchecked: int = 0  # files with a finding that `check` does not count (deleted, unread)


def site_outcome(
    registry: Registry, top: Path, commit: str, prefix: str, changes: list[Change], ref: str
) -> SiteOutcome:
    """Findings for the site files a pull request touches, and the files to validate."""
    outcome = SiteOutcome()
    folder_link = _folder_link(registry, top)
    if folder_link:
        outcome.problems.append(_problem(SITES_DIR, SITE_SYMLINK, folder_link))
    deleted: list[SiteFile] = []
    added: list[SiteFile] = []
    for site in _touched(registry, top, commit, prefix, changes, bool(folder_link)):
        if site.unreadable:
            outcome.problems.append(_symlink(site, readable=False))
            outcome.unchecked += 1
            continue
        if not site.path.is_file():
            if site.old.is_file:
                deleted.append(site)
            continue
        # A link is read at the file it leads to (inside the checkout), as a regular file.
        site.new = read_file(site.real or site.path, site.file)
        same = site.old.is_file and content_digest(site.old.data) == site.new.digest
        if same and not site.listed and site.old_linked == bool(site.link or folder_link):
            continue  # an old link, and nothing behind it changed
        if site.link:
            outcome.problems.append(_symlink(site, readable=True))
        outcome.to_check.append(site.path)
        if not site.old.is_file:
            added.append(site)
            continue
        outcome.texts[site.file] = site.new.text
        outcome.problems += compare(parse_bytes(site.old.data, site.file), site.new)
    for old, new in _renames(deleted, added):
        deleted.remove(old)
        assert new.new is not None
        outcome.texts[new.file] = new.new.text
        outcome.problems.append(_renamed(old, new, ref))
        outcome.problems += compare(parse_bytes(old.old.data, new.file), new.new)
    for site in deleted:
        outcome.problems.append(_deleted(site.file, ref))
        outcome.unchecked += 1
    return outcome


def is_site_file(file: str) -> bool:
    folder, _, name = file.rpartition("/")
    return folder == SITES_DIR and name.endswith((".yaml", ".yml"))


def _touched(
    registry: Registry,
    top: Path,
    commit: str,
    prefix: str,
    changes: list[Change],
    folder_linked: bool,
) -> list[SiteFile]:
    folder = prefix + SITES_DIR
    old_listing = gitrepo.list_folder(top, commit, folder)
    entry = gitrepo.read(top, commit, [folder], follow=False)[folder]
    old_folder_linked = bool(old_listing) and entry.kind != "tree"
    new_listing = _work_tree_links(registry.sites_dir)
    listed = {c.path[len(prefix) :] for c in changes}
    wanted = {f for f in listed if is_site_file(f)}
    if folder_linked or old_folder_linked:
        wanted |= {f"{SITES_DIR}/{name}" for name in [*old_listing, *new_listing]}
    else:
        wanted |= {f"{SITES_DIR}/{n}" for n, mode in old_listing.items() if mode == gitrepo.SYMLINK}
        wanted |= {f"{SITES_DIR}/{n}" for n, link in new_listing.items() if link}
    files = sorted(f for f in wanted if is_site_file(f))
    old = gitrepo.read(top, commit, [prefix + f for f in files])
    sites: list[SiteFile] = []
    for file in files:
        name = file[len(SITES_DIR) + 1 :]
        path = registry.root / file
        site = SiteFile(
            file,
            path,
            old[prefix + file],
            file in listed,
            old_folder_linked or old_listing.get(name) == gitrepo.SYMLINK,
        )
        if path.is_symlink():
            site.link = printable(os.readlink(path))
        if site.link or folder_linked:
            real = gitrepo.file_in_checkout(top, path)
            site.unreadable = os.path.lexists(path) and real is None
            site.real = real
        sites.append(site)
    return sites


def _work_tree_links(folder: Path) -> dict[str, bool]:
    """name -> is a link, for the site-file names in the working tree's `sites/`."""
    try:
        with os.scandir(folder) as entries:
            return {
                e.name: e.is_symlink() for e in entries if is_site_file(f"{SITES_DIR}/{e.name}")
            }
    except OSError:
        return {}


def _inside(path: str, top_real: str) -> bool:
    return path == top_real or path.startswith(top_real.rstrip(os.sep) + os.sep)


def _folder_link(registry: Registry, top: Path) -> str:
    """Why the working tree's `sites/` is reached through a link inside the repository (the
    folder itself or one above it, up to the top of the checkout); "" when it is not."""
    top_real = os.path.realpath(top)
    current = os.path.abspath(registry.sites_dir)
    while os.path.realpath(current) != top_real:
        parent = os.path.dirname(current)
        if parent == current:
            break
        if os.path.islink(current) and _inside(os.path.realpath(parent), top_real):
            inner = os.path.relpath(current, os.path.abspath(registry.root))
            if inner == ".":
                name = "папка реестра"
            elif not inner.startswith(".."):
                name = f"папка {Path(inner).as_posix()}/"
            else:
                real = os.path.join(os.path.realpath(parent), os.path.basename(current))
                name = f"папка {Path(os.path.relpath(real, top_real)).as_posix()}/"
            link = f"{printable(name)} → {printable(os.readlink(current))}"
            return (
                f"папка площадок {SITES_DIR}/ открывается через символическую ссылку ({link}): "
                "файлы площадок должны лежать в самой папке реестра — иначе правка того, на что "
                "ведёт ссылка, меняет площадки в обход проверки «реестр только дополняется»; "
                "замените ссылку самой папкой"
            )
        current = parent
    return ""


def _identity(data: Any, digest: str) -> set[tuple[str, str]]:
    keys = {("bytes", digest)}
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            keys.add(("id", data["id"]))
        organization = data.get("organization")
        if isinstance(organization, dict):
            keys |= {(k, str(organization[k])) for k in ("inn", "ogrn") if organization.get(k)}
    return keys


def _renames(deleted: list[SiteFile], added: list[SiteFile]) -> list[tuple[SiteFile, SiteFile]]:
    """Deleted and added site files that are the same site: same id, ИНН, ОГРН or bytes."""
    if not deleted or not added:
        return []
    free: dict[str, tuple[SiteFile, set[tuple[str, str]]]] = {}
    for site in added:
        assert site.new is not None
        data = site.new.document.data if site.new.document else None
        free[site.file] = (site, _identity(data, site.new.digest))
    pairs: list[tuple[SiteFile, SiteFile]] = []
    for old in deleted:
        document = parse_bytes(old.old.data, old.file).document
        keys = _identity(document.data if document else None, content_digest(old.old.data))
        match = next((f for f, (_, theirs) in free.items() if keys & theirs), None)
        if match is not None:
            pairs.append((old, free.pop(match)[0]))
    return pairs


def _symlink(site: SiteFile, readable: bool) -> Problem:
    target = f" на {site.link}" if site.link else ""
    if readable:
        compared = " (содержимое сверено с прежним)" if site.old.is_file else ""
        tail = (
            "правка того файла меняла бы площадку в обход проверки «реестр только дополняется»"
            f"{compared}; замените ссылку самим файлом"
        )
    else:
        tail = (
            "она ведёт за пределы репозитория, в .git или не на файл, и ropcli её не читает; "
            "замените ссылку самим файлом"
        )
    message = f"файл площадки {printable(site.file)} — символическая ссылка{target}: {tail}"
    return _problem(site.file, SITE_SYMLINK, message)


def _renamed(old: SiteFile, new: SiteFile, ref: str) -> Problem:
    before, after = printable(old.file), printable(new.file)
    message = (
        f"файл площадки {before} (в {ref}) переименован в {after}: имя файла — это id "
        "площадки, а id в реестре и в приказах не меняют — верните прежнее имя файла "
        f"(содержимое сверено с прежним {before})"
    )
    document = new.new.document if new.new else None
    if document is None:
        return _problem(new.file, SITE_RENAMED, message)
    return document.problem(new.file, "/id", SITE_RENAMED, ERROR, message, CLAUSES[SITE_RENAMED])


def _deleted(file: str, ref: str) -> Problem:
    return _problem(
        file,
        SITE_DELETED,
        f"файл площадки удалён (в {ref} он есть): реестр только дополняется — "
        "верните файл; площадку, утратившую статус, не удаляют, а записывают её историю "
        "(событие revoked или истёкший срок)",
    )


def _problem(file: str, rule: str, message: str) -> Problem:
    return Problem(file, 1, 1, rule, ERROR, message, CLAUSES[rule])
