"""Changing the register safely: the flow behind `ropcli new` and `ropcli record` (ARCHITECTURE.md).

Every write goes the same way, and nothing here prints or exits:

1. the site file must be free of errors before it is touched (else: fix it first);
2. it is loaded with ruamel.yaml round-trip, the change is applied, and only the changed
   lines are put into the original text (`ropcli.yamlio.splice`): comments, blank lines, quoting,
   CRLF line ends and a byte-order mark stay as they were;
3. the result is checked by `ropcli.validation.check.check` — the same schema and rules as `ropcli
   validate`, registry-wide rules included — with the new bytes in memory (the other
   files lend their identifiers through the cache's index), so the real file is not
   touched before it is known to be good and no file is copied;
4. a `Change` is returned: the diff, and the problems that forbid the write (errors, and
   warnings the change brings in on the lines it writes — a report for a year that needs
   none is a typo; new warnings elsewhere in the file are notices, shown: `editing.verdict`);
5. `commit` replaces the file atomically (temporary file in the same folder + rename).

The caller holds the register's write lock (`ropcli.editing.lock.register_lock`) from step 1
to step 5, so two writers never interleave and lose an entry; `commit` still compares the
file with what was read, for an editor that saves without asking for the lock.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropcli.core.problems import ExitCode, Problem, RopcliError, os_reason
from ropcli.editing.examples import scaffold_examples
from ropcli.editing.verdict import touched_lines, verdict
from ropcli.validation.registry import Registry
from ropcli.yamlio import (
    LAYOUTS,
    Layout,
    atomic_write,
    iter_yaml_files,
    parse_text,
    round_trip_dump,
    round_trip_load,
)
from ropcli.yamlio.comments import drop_examples, key_paths
from ropcli.yamlio.splice import bare, merge, normalized, split_lines
from ropcli.yamlio.writing import ReadOnlyFile, is_read_only

if TYPE_CHECKING:
    from ropcli.validation.cache import Cache
    from ropcli.validation.check import CheckResult

BOM = b"\xef\xbb\xbf"
SITE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # whole id: fullmatch, never match
Operation = Callable[[Any], None]  # changes the round-trip data in place
Expected = Callable[[Problem], bool]  # a problem the change is allowed to leave


class RefusedWrite(RopcliError):
    """The change cannot be made (already recorded; the file already has errors): exit 1."""

    def __init__(
        self,
        message: str,
        problems: list[Problem] | None = None,
        sources: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, ExitCode.PROBLEMS)
        self.problems = problems or []
        self.sources = sources or {}


@dataclass(frozen=True)
class Change:
    """What a write would do: the file before and after, and what forbids it."""

    path: Path
    file: str  # relative to the registry root, as problems name it
    before: bytes | None  # None: the file is new
    after: bytes
    problems: list[Problem] = field(default_factory=list)  # blocking problems
    sources: dict[str, str] = field(default_factory=dict)  # texts, for excerpts
    pending: list[Problem] = field(default_factory=list)  # not blocking: shown, or counted
    reformatted: bool = False  # lines outside the edit were laid out anew
    notices: list[Problem] = field(default_factory=list)  # new warnings elsewhere: shown

    @property
    def allowed(self) -> bool:
        return not self.problems

    def diff(self) -> str:
        """A unified diff, as `git diff` shows it; CRLF and a BOM are not shown (they stay)."""
        old = [] if self.before is None else _display_lines(self.before)
        new = _display_lines(self.after)
        origin = "/dev/null" if self.before is None else f"a/{self.file}"
        return "".join(difflib.unified_diff(old, new, origin, f"b/{self.file}"))


def _display_lines(content: bytes) -> list[str]:
    return [bare(line) + "\n" for line in split_lines(content.decode("utf-8-sig"))]


def shown_path(path: Path) -> str:
    """A path to type in the next command: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def check_site_id(site_id: str) -> None:
    if not SITE_ID.fullmatch(site_id):
        shown = site_id if site_id.isprintable() else repr(site_id)[1:-1]  # «abc\n»
        raise RopcliError(
            f"«{shown}» не годится как id площадки: только строчные латинские буквы и "
            "цифры, части через дефис, например kursk-sosh-12",
            ExitCode.USAGE,
        )


def site_path(registry: Registry, site_id: str) -> Path:
    """The file of an existing site; an unknown id is a usage error (exit 2)."""
    check_site_id(site_id)
    for suffix in (".yaml", ".yml"):
        path = registry.sites_dir / f"{site_id}{suffix}"
        if path.is_file():
            return path
    known = (
        [p.stem for p in iter_yaml_files(registry.sites_dir)] if registry.sites_dir.is_dir() else []
    )
    close = difflib.get_close_matches(site_id, known, n=1)
    hint = f"может быть, {close[0]}? " if close else ""
    raise RopcliError(
        f"нет площадки «{site_id}»: в реестре нет файла sites/{site_id}.yaml ({hint}создать "
        f"файл новой площадки: ropcli new {site_id})",
        ExitCode.USAGE,
    )


def _plain(content: str) -> Any:
    """The data as the checks read it (PyYAML), or a marker that never compares equal."""
    loaded = parse_text(content, "-")
    return loaded.document.data if loaded.document and not loaded.problems else object()


def _closest_layout(data: Any, content: str) -> tuple[Layout, str]:
    """The indentation the file is written in, so new lines sit where the old ones do."""
    best: tuple[int, Layout, str] | None = None
    for layout in LAYOUTS:
        dumped = round_trip_dump(data, layout)
        if dumped == content:
            return layout, dumped
        matcher = difflib.SequenceMatcher(None, dumped.split("\n"), content.split("\n"))
        score = sum(size for _, _, size in matcher.get_matching_blocks())
        if best is None or score > best[0]:
            best = (score, layout, dumped)
    assert best is not None
    return best[1], best[2]


def edit_text(content: str, operation: Operation) -> tuple[str, bool]:
    """`content` with `operation` applied; True when lines outside the edit changed too."""
    lines = split_lines(content)
    plain = normalized(lines)
    data = round_trip_load(plain)
    layout, base = _closest_layout(data, plain)
    keys = key_paths(data)
    operation(data)  # the scaffold's «# address: …» dropped once the edit writes address:
    drop_examples(data, scaffold_examples(), key_paths(data) - keys)
    changed = round_trip_dump(data, layout)
    expected = _plain(changed)
    return merge(lines, base, changed, lambda candidate: _plain(candidate) == expected)


def validate(
    registry: Registry, path: Path, content: bytes, cache: Cache | None = None
) -> CheckResult:
    """`check` of the register as it would be with `content` in place of `path`.

    Only what the change can affect is checked: the new bytes fully (never written to
    disk), and the registry-wide rules over every file's identifiers — from the cache's
    identifier index for unchanged files — reported on every file: a duplicate ИНН is
    reported on each file that holds it, which may be another one.
    """
    from ropcli.validation.check import check

    return check(registry, [path], cache=cache, replaced=(path, content), everywhere=True)


def _before(registry: Registry, path: Path, cache: Cache | None) -> CheckResult:
    """The file as it is now, with the registry-wide rules' problems on every file."""
    from ropcli.validation.check import check

    return check(registry, [path], cache=cache, everywhere=True)


def edit_site(
    registry: Registry, site_id: str, operation: Operation, expected: Expected | None = None
) -> Change:
    """Apply `operation` to a site file and check the result; the file is not written.
    With `expected` (`ropcli fill`) a file with errors may be edited: problems it accepts
    (fields still empty) are pending, only new ones block."""
    from ropcli.validation.cached import open_cache

    path = site_path(registry, site_id)
    cache = open_cache(registry.settings)
    try:
        return _edit(registry, path, operation, cache, expected)
    finally:
        if cache is not None:
            cache.close()


def _edit(
    registry: Registry, path: Path, op: Operation, cache: Cache | None, expected: Expected | None
) -> Change:
    file = registry.relative(path)
    before = _before(registry, path, cache)
    errors = [p for p in before.problems if p.file == file and p.is_error]
    if errors and expected is None:
        raise RefusedWrite(
            f"в файле {file} уже есть ошибки ({len(errors)}): сначала исправьте их "
            f"(ropcli validate {shown_path(path)}), потом повторите команду",
            errors,
            before.sources,
        )
    raw = _read_site(path, file)
    content, reformatted = edit_text(raw.decode("utf-8-sig"), op)
    after = (BOM if raw.startswith(BOM) else b"") + content.encode("utf-8")
    result = validate(registry, path, after, cache)
    return judged(path, file, (raw, content, after), (before, result), expected, reformatted)


def judged(
    path: Path,
    file: str,
    texts: tuple[bytes | None, str, bytes],
    checks: tuple[CheckResult, CheckResult],
    expected: Expected | None,
    reformatted: bool,
) -> Change:
    """The change from `raw` to `after` (`content` decoded), with the verdict of the checks
    before and after it (`editing.verdict`)."""
    raw, content, after = texts
    touched = touched_lines(None if raw is None else raw.decode("utf-8-sig"), content)
    found = verdict(*checks, file, expected or (lambda problem: False), touched)
    return Change(
        path, file, raw, after, found.blocking, checks[1].sources, found.pending, reformatted,
        found.notices,
    )  # fmt: skip


def _read_site(path: Path, file: str) -> bytes:
    """The site file's bytes, read as `validate` reads it: a regular file, not a link or a
    device, at most 1 MiB (it may have been swapped since it was checked)."""
    from ropcli.yamlio.files import Refused, read_regular

    try:
        return read_regular(path)
    except Refused as exc:
        raise RopcliError(f"{file}: {exc.message}; файл не изменён") from None
    except OSError as exc:
        raise RopcliError(f"{file} не читается: {os_reason(exc)}; файл не изменён") from None


def new_site_path(registry: Registry, site_id: str) -> Path:
    """Where a new site's file goes; a bad id is exit 2, an existing file exit 3 (a file of
    the register is never replaced by a blank scaffold, so there is no --force)."""
    check_site_id(site_id)
    for suffix in (".yaml", ".yml"):
        existing = registry.sites_dir / f"{site_id}{suffix}"
        if existing.exists():
            raise RopcliError(
                f"файл {registry.relative(existing)} уже есть: ropcli new не заменяет файлы "
                f"реестра; дополняйте его командами ropcli record … или в редакторе"
            )
    return registry.sites_dir / f"{site_id}.yaml"


def new_site(registry: Registry, site_id: str, content: str, to_fill: set[str]) -> Change:
    """A new site file; problems at the pointers in `to_fill` (the scaffold's empty fields)
    are expected, any other — a wrong ИНН given as an option — forbids the write."""
    from ropcli.validation.cached import open_cache

    path = new_site_path(registry, site_id)
    file = registry.relative(path)
    after = content.encode("utf-8")
    cache = open_cache(registry.settings)
    try:
        result = validate(registry, path, after, cache)
        before = _before(registry, path, cache)
    finally:
        if cache is not None:
            cache.close()
    found = verdict(before, result, file, lambda p: p.pointer in to_fill)
    return Change(path, file, None, after, found.blocking, result.sources, found.pending)


def read_only_message(change: Change) -> str:
    return (
        f"{change.file} защищён от записи (только для чтения): ropcli его не меняет. Если "
        f"изменение нужно, снимите защиту (chmod u+w {shown_path(change.path)} или «Свойства → "
        "Только чтение» в Windows) и повторите команду; файл не изменён"
    )


def check_writable(change: Change) -> None:
    """Refuse before anything is shown when the file is protected from writing (exit 3)."""
    if change.before is not None and change.path.exists() and is_read_only(change.path):
        raise RopcliError(read_only_message(change))


def commit(change: Change) -> None:
    """Replace (or create) the file atomically; an OS failure is a `RopcliError` (exit 3)."""
    if not change.allowed:  # pragma: no cover - the CLI never calls it so
        raise RopcliError("запись с ошибками не выполняется", ExitCode.PROBLEMS)
    check_writable(change)
    current = _read_site(change.path, change.file) if os.path.lexists(change.path) else None
    if current != change.before:  # someone saved the file while ropcli was checking
        raise RopcliError(f"{change.file} изменился, пока ropcli его проверял: повторите команду")
    try:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(change.path, change.after)
    except ReadOnlyFile:
        raise RopcliError(read_only_message(change)) from None
    except OSError as exc:
        raise RopcliError(
            f"не удалось записать {change.file}: {os_reason(exc)}; файл не изменён"
        ) from None
