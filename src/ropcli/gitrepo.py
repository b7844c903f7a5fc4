"""The few questions `ropcli` asks git, through the real `git` program (no library).

Everything here returns values or raises `RopcliError` ("cannot run", exit 3); nothing
prints. Paths inside the repository are POSIX and relative to its top folder, as git
gives them; output is read with `-z` so names with spaces or Cyrillic arrive unquoted.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ropcli.problems import RopcliError


@dataclass(frozen=True)
class Change:
    status: str  # "A" added (or untracked), "M" modified, "D" deleted, "T" type changed
    path: str  # relative to the top folder of the repository


_NO_GIT = "не найдена программа git: ropcli diff сравнивает файлы через git — установите его"


def _git(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(top), *args], capture_output=True, check=False)
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
    """`folder` relative to `top` as a path prefix: "" or "registry/" (SPEC §3, CI formats)."""
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
    working tree, untracked ones included as added. Renames count as delete + add."""
    spec = ":(literal)" + (under.rstrip("/") or ".")  # a folder name is not a pattern
    diff = _git(top, "diff", "--name-status", "-z", "--no-renames", commit, "--", spec)
    if diff.returncode != 0:
        raise RopcliError(f"git diff не сработал: {_first_line(diff.stderr)}")
    fields = diff.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    found = {
        path: status[:1]
        for status, path in zip(fields[0::2], fields[1::2], strict=False)
        if status and path
    }
    others = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", spec)
    if others.returncode != 0:
        raise RopcliError(f"git ls-files не сработал: {_first_line(others.stderr)}")
    for path in others.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        if path:
            found.setdefault(path, "A")
    return [Change(status, path) for path, status in sorted(found.items())]


def show(top: Path, commit: str, path: str) -> bytes | None:
    """The bytes of `path` at `commit`, or None when it did not exist there."""
    done = _git(top, "show", f"{commit}:{path}")
    return done.stdout if done.returncode == 0 else None
