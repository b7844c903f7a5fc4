"""The few questions `ropcli` asks git, through the real `git` program (no library).

Everything here returns values or raises `RopcliError` ("cannot run", exit 3); nothing
prints. Paths inside the repository are POSIX and relative to its top folder, as git
gives them; output is read with `-z` so names with spaces or Cyrillic arrive unquoted.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ropcli.core.problems import RopcliError

SYMLINK = "120000"  # git's mode for a symbolic link (a file is 100644 or 100755)
ABSENT = "000000"  # the mode `git diff --raw` gives a side that has no such path


@dataclass(frozen=True)
class Change:
    status: str  # "A" added (or untracked), "M" modified, "D" deleted, "T" type changed
    path: str  # relative to the top folder of the repository
    old_mode: str = ""  # at the commit: "100644", "120000" (a link)…; "" when absent there
    new_mode: str = ""  # in the working tree; "" when deleted


@dataclass(frozen=True)
class Found:
    """What a `commit:path` names, as `git cat-file` answers."""

    kind: str  # "blob", "tree", "commit", "missing"; with links followed also "symlink"
    # (leads out of the repository), "dangling", "loop", "notdir"
    data: bytes = b""  # the blob's bytes (or the link's target for "symlink")
    oid: str = ""

    @property
    def is_file(self) -> bool:
        return self.kind == "blob"


_NO_GIT = "не найдена программа git: ropcli diff сравнивает файлы через git — установите его"


def _git(top: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    # Replacement objects (refs/replace) would show other content than the commits hold.
    command = ["git", "--no-replace-objects", "-C", str(top), *args]
    try:
        return subprocess.run(command, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise RopcliError(_NO_GIT) from None


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", errors="replace").strip().splitlines()
    return lines[0] if lines else ""


def toplevel(folder: Path) -> Path | None:
    """The top folder of the git checkout holding `folder`, or None (not a checkout, no git)."""
    try:
        return require_toplevel(folder)
    except RopcliError:
        return None


def require_toplevel(folder: Path) -> Path:
    """Like `toplevel`, but "not a checkout" is a clear reason to stop (exit 3)."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        reason = _first_line(done.stderr)
        raise RopcliError(
            f"папка реестра «{folder}» не лежит в git-репозитории, сравнивать не с чем: "
            "запустите ropcli diff в клоне репозитория реестра"
            + (f" (git: {reason})" if reason else "")
        )
    return Path(done.stdout.decode("utf-8").strip())


def prefix_of(folder: Path, top: Path | None) -> str:
    """`folder` relative to `top` as a path prefix: "" or "registry/" (for the CI formats)."""
    if top is None:
        return ""
    try:
        inner = folder.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if inner == "." else inner + "/"


def resolve_commit(top: Path, ref: str) -> str:
    """The commit `ref` names; a clear message when the checkout does not have it."""
    if ref.startswith("-"):
        raise RopcliError(f"«{ref}» — не имя ревизии git (начинается с «-»)")
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise RopcliError(
            f"в git-репозитории нет ревизии «{ref}»: проверьте имя ветки; в CI получите "
            "историю целиком (actions/checkout с fetch-depth: 0, в GitLab — GIT_DEPTH: 0) "
            f"или выполните git fetch origin перед ropcli diff"
        )
    return done.stdout.decode("ascii").strip()


def fork_point(top: Path, commit: str) -> str:
    """Where the checked-out branch left `commit` (`git merge-base`), so that what the target
    branch gained since is not taken for this branch's removals; `commit` when unrelated."""
    done = _git(top, "merge-base", commit, "HEAD")
    return done.stdout.decode("ascii").strip() if done.returncode == 0 else commit


def changes(top: Path, commit: str, under: str) -> list[Change]:
    """Files under `under` (a prefix relative to `top`) that differ between `commit` and the
    working tree, with git's modes, untracked ones included as added. Renames count as
    delete + add; a file that became a link (or a link a file) is "T"."""
    where = ":(literal)" + (under.rstrip("/") or ".")  # a folder name is not a pattern
    diff = _git(top, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", commit, "--", where)
    if diff.returncode != 0:
        raise RopcliError(f"git diff не сработал: {_first_line(diff.stderr)}")
    fields = diff.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    found: dict[str, Change] = {}
    for header, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = header.lstrip(":").split()
        if len(parts) == 5 and path:  # ":old-mode new-mode old-oid new-oid status"
            old_mode, new_mode = (m if m != ABSENT else "" for m in parts[:2])
            found[path] = Change(parts[4][:1], path, old_mode, new_mode)
    others = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", where)
    if others.returncode != 0:
        raise RopcliError(f"git ls-files не сработал: {_first_line(others.stderr)}")
    for path in others.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        if path and path not in found:
            found[path] = Change("A", path, "", work_tree_mode(top, path))
    return [found[path] for path in sorted(found)]


def work_tree_mode(top: Path, path: str) -> str:
    """git's mode for a file of the working tree ("" when there is none): links not followed."""
    try:
        info = os.lstat(top / path)
    except OSError:
        return ""
    if stat.S_ISLNK(info.st_mode):
        return SYMLINK
    return "100755" if info.st_mode & stat.S_IXUSR else "100644"


def read(top: Path, commit: str, paths: list[str], follow: bool = True) -> dict[str, Found]:
    """What each path is at `commit`, in one `git cat-file --batch` — with `follow`, through
    symbolic links inside the repository (git's own resolution, folders included)."""
    asked = [p for p in dict.fromkeys(paths) if "\n" not in p]  # the protocol is line-based
    found = {p: _show_found(top, commit, p) for p in dict.fromkeys(paths) if "\n" in p}
    if not asked:
        return found
    args = ["cat-file", "--batch"] + (["--follow-symlinks"] if follow else [])
    request = "".join(f"{commit}:{p}\n" for p in asked).encode("utf-8", "surrogateescape")
    done = _git(top, *args, input=request)
    if done.returncode != 0:
        raise RopcliError(f"git cat-file не сработал: {_first_line(done.stderr)}")
    out, at = done.stdout, 0
    for path in asked:
        end = out.index(b"\n", at)
        header = out[at:end].decode("utf-8", "surrogateescape")
        at = end + 1
        if header.endswith((" missing", " ambiguous")):
            found[path] = Found("missing")
            continue
        words = header.split(" ")
        if len(words) == 3:  # "<oid> <type> <size>"
            oid, kind, size = words[0], words[1], int(words[2])
        else:  # "symlink|dangling|loop|notdir <size>"
            oid, kind, size = "", words[0], int(words[1])
        found[path] = Found(kind, out[at : at + size], oid)
        at += size + 1
    return found


def _show_found(top: Path, commit: str, path: str) -> Found:
    data = show(top, commit, path)
    return Found("missing") if data is None else Found("blob", data)


def file_in_checkout(top: Path, path: Path) -> Path | None:
    """Where the working-tree `path` leads, links followed, when that is a regular file of
    the checkout outside `.git` (what may be read in place of a linked file); else None."""
    top_real = os.path.realpath(top)
    real = os.path.realpath(path)
    inner = os.path.relpath(real, top_real)
    if inner == ".." or inner.startswith(".." + os.sep) or os.path.isabs(inner):
        return None
    if ".git" in Path(inner).parts or not os.path.isfile(real):
        return None
    return Path(real)


def files_named(top: Path, commit: str, name: str) -> list[str]:
    """Every path of the tree of `commit` whose last part is `name`."""
    done = _git(top, "ls-tree", "-r", "-z", "--name-only", commit)
    if done.returncode != 0:
        raise RopcliError(f"git ls-tree не сработал: {_first_line(done.stderr)}")
    paths = done.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return [p for p in paths if p == name or p.endswith("/" + name)]


def list_folder(top: Path, commit: str, folder: str) -> dict[str, str]:
    """name -> git mode of what `folder` holds at `commit` (links to it followed inside the
    repository); empty when there is no such folder."""
    tree = read(top, commit, [folder]).get(folder)
    if tree is None or tree.kind != "tree":
        return {}
    done = _git(top, "ls-tree", "-z", tree.oid)
    if done.returncode != 0:
        raise RopcliError(f"git ls-tree не сработал: {_first_line(done.stderr)}")
    listing: dict[str, str] = {}
    for entry in done.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        meta, tab, name = entry.partition("\t")
        if tab:
            listing[name] = meta.split(" ")[0]
    return listing


def show(top: Path, commit: str, path: str) -> bytes | None:
    """The bytes of `path` at `commit`, or None when it did not exist there."""
    done = _git(top, "show", f"{commit}:{path}")
    return done.stdout if done.returncode == 0 else None
