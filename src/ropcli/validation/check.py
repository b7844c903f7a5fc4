"""`validate` as a library call: load, schema, domain rules → a `CheckResult`.

Nothing here prints or exits. A file that does not parse is a recorded result, not an
exception; one bad file never stops the check of the others.

How it stays fast on a large register (docs/performance.md): each file is checked on its
own (`check_file`), on every core when there are many; a cache answers for files that have
not changed; and a file's parsed nodes are dropped as soon as it is checked — only its
problems, the identifiers the registry-wide rules compare and, when the caller asks for
them, its plain data are kept, so memory does not grow with node trees.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, Protocol

from ropcli.core.problems import ERROR, WARNING, Problem
from ropcli.core.settings import Settings
from ropcli.lifecycle.summary import summary
from ropcli.validation import rules
from ropcli.validation.check_file import (
    FileOutcome,
    check_file,
    expand_paths,
    named,
    pinned,
    scan_file,
    settle,
    site_files,
)
from ropcli.validation.registry import SETTINGS_FILE, Registry
from ropcli.validation.rules import SiteContext, SiteSummary
from ropcli.yamlio import Loaded, content_digest, parse_bytes
from ropcli.yamlio.files import MAX_FILE_BYTES, too_big

__all__ = [
    "CheckResult",
    "FileOutcome",
    "Progress",
    "check",
    "check_file",
    "expand_paths",
    "scan_file",
    "site_files",
]

PARALLEL_FROM = 200  # files to check before worker processes pay for their start-up
CHUNK = 64
Progress = Callable[[int], None]


@dataclass
class CheckResult:
    files: int
    problems: list[Problem]
    sites: list[SiteContext] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file -> text, for excerpts

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def files_with_errors(self) -> set[str]:
        return {p.file for p in self.problems if p.severity == ERROR}

    def valid_sites(self) -> list[SiteContext]:
        """Sites that commands may compute with: parsed and free of errors."""
        bad = self.files_with_errors()
        return [s for s in self.sites if s.file not in bad]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": self.files,
            "problems": [p.to_dict() for p in self.problems],
        }


# A worker process checks with the registry it was handed once, not once per file.
_WORKER_REGISTRY: Registry | None = None


class ResultCache(Protocol):
    """What the check asks of a cache of per-file results (`ropcli.validation.cache.Cache`):
    a verified earlier outcome for these bytes, or None; and where to put new ones."""

    def get(self, path: Path, file: str, need: str = "") -> FileOutcome | None: ...

    def known(
        self, items: Sequence[tuple[Path, str]], folder: Path
    ) -> tuple[list[FileOutcome], list[tuple[Path, str]]]: ...

    def note(self, outcome: FileOutcome) -> None: ...

    def put(self, outcome: FileOutcome) -> None: ...


def _init_worker(root: Path, settings: Settings, reference_schema: bool) -> None:
    """Where processes are spawned (Windows, macOS) the registry is rebuilt from what the
    parent had — its settings, not whatever ropcli.yaml says now or a default."""
    global _WORKER_REGISTRY
    if _WORKER_REGISTRY is None or _WORKER_REGISTRY.root != root:
        _WORKER_REGISTRY = Registry(root, settings, reference_schema)


def _check_chunk(
    chunk: list[tuple[Path, str]], keep_data: bool, dump: bool, compact: bool = False
) -> list[FileOutcome]:
    assert _WORKER_REGISTRY is not None
    registry = _WORKER_REGISTRY
    return [_compacted(check_file(registry, p, f, keep_data, dump), compact) for p, f in chunk]


def _compacted(outcome: FileOutcome, compact: bool) -> FileOutcome:
    """`compact`: the site's lifecycle summary as its data — made where the file was checked,
    so a worker sends back a few hundred bytes of summary, not the whole site (the parent
    would hold every site's data at once on the way, and its memory would not shrink)."""
    if compact and outcome.data is not None:
        outcome.data = summary(outcome.data)
    return outcome


def _check_all(
    registry: Registry,
    todo: list[tuple[Path, str]],
    keep_data: bool,
    progress: Progress | None,
    workers: int | None,
    start_method: str | None = None,
    dump: bool = False,
    compact: bool = False,
) -> Iterator[FileOutcome]:
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(todo) >= PARALLEL_FROM else 1
    if workers < 2:
        for path, file in todo:
            yield _compacted(check_file(registry, path, file, keep_data, dump), compact)
            if progress:
                progress(1)
        return
    global _WORKER_REGISTRY
    _WORKER_REGISTRY = registry  # inherited as it is where processes fork
    method = start_method or ("fork" if "fork" in get_all_start_methods() else "spawn")
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    with ProcessPoolExecutor(
        workers,
        mp_context=get_context(method),
        initializer=_init_worker,
        initargs=(registry.root, registry.settings, registry.reference_schema),
    ) as pool:
        # A few chunks ahead of the one being collected, not all of them: outcomes that
        # arrive before the parent takes them wait in memory (tens of MiB at 10,000 files).
        waiting = iter(chunks)
        ahead = deque(
            pool.submit(_check_chunk, chunk, keep_data, dump, compact)
            for chunk in islice(waiting, 2 * workers)
        )
        while ahead:
            outcomes = ahead.popleft().result()
            following = next(waiting, None)
            if following is not None:
                ahead.append(pool.submit(_check_chunk, following, keep_data, dump, compact))
            yield from outcomes
            if progress:
                progress(len(outcomes))


def check(
    registry: Registry,
    paths: Sequence[Path] | None = None,
    *,
    keep_data: bool = True,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    start_method: str | None = None,
    replaced: tuple[Path, bytes] | None = None,
    everywhere: bool = False,
    compact: bool = False,
) -> CheckResult:
    """Check the given site files, or every file in `<registry>/sites/`.

    Registry-wide rules (uniqueness) always compare with the whole register, but only the
    problems of the files asked about are reported. `keep_data=False` (validate) keeps no
    site data in the result; `cache` (a `ropcli.validation.cache.Cache`) answers for
    unchanged files;
    `workers` is how many processes check (default: one per core for a large register),
    started by `start_method` (default: fork where there is one, else spawn).

    `replaced` — (path, bytes): check the register as it would be with these bytes in that
    file (a write being checked; the file may not exist yet); `everywhere` — report the
    registry-wide rules' problems on every file, not only on those asked about; `compact`
    — keep each site's lifecycle summary (`ropcli.lifecycle.summary`) as its data.
    """
    everything = site_files(registry)
    targets = expand_paths(paths) if paths else everything
    if replaced is not None and replaced[0] not in targets:
        targets = [*targets, replaced[0]]  # listed first: not looked for among the others
    # ropcli.yaml among the paths (a pre-commit hook passes every changed file) was checked
    # by its own schema when the registry was opened: count it, do not read it as a site.
    settings_given = any(registry.relative(p) == SETTINGS_FILE for p in targets)
    targets = [p for p in targets if registry.relative(p) != SETTINGS_FILE]
    wanted = {registry.relative(p) for p in targets}
    todo: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for path, file in [*((p, registry.relative(p)) for p in targets), *named(registry, everything)]:
        if file not in seen:
            seen.add(file)
            todo.append((path, file))

    problems: list[Problem] = []
    sites: list[SiteContext] = []
    sources: dict[str, str] = {}
    summaries: list[SiteSummary] = []
    scanned: set[str] = set()

    def collect(outcome: FileOutcome) -> None:
        if outcome.file in wanted:
            problems.extend(outcome.problems)
            if outcome.problems:
                sources[outcome.file] = outcome.source
            if outcome.data is not None:
                sites.append(
                    SiteContext(
                        file=outcome.file,
                        stem=outcome.path.name.rsplit(".", 1)[0],
                        data=outcome.data,
                        settings=registry.settings,
                        schema_valid=outcome.schema_valid,
                        path=outcome.path,
                    )
                )
        if outcome.parsed:
            summaries.append(outcome.summary())
            if outcome.scanned:
                scanned.add(outcome.file)

    if replaced is not None:
        new_path, content = replaced
        new_file = registry.relative(new_path)
        todo = [item for item in todo if item[1] != new_file]
        loaded = replace(parse_bytes(content, new_file), digest=content_digest(content))
        if len(content) > MAX_FILE_BYTES:  # as reading the written file would refuse it
            big = Problem(new_file, 1, 1, "file-size", ERROR, too_big(len(content)))
            loaded = Loaded(new_file, None, (big,), digest=loaded.digest)
        collect(check_file(registry, new_path, new_file, keep_data, loaded=loaded))
        if loaded.document is not None and summaries and summaries[-1].file == new_file:
            summaries[-1].__dict__["document"] = loaded.document  # not the file on disk
    need = ("summary" if compact else "data") if keep_data else ""
    if cache is not None:
        missed = []
        others, unread = cache.known(
            [item for item in todo if item[1] not in wanted], registry.sites_dir
        )
        for outcome in others:
            collect(outcome)
        for path, file in [item for item in todo if item[1] in wanted] + unread:
            hit = cache.get(path, file, need=need if file in wanted else "")
            if hit is None:
                missed.append((path, file))
            else:
                collect(hit)
        if progress and len(missed) < len(todo):
            progress(len(todo) - len(missed))
        todo = missed
    # Files nobody asked about only lend their identifiers to the registry-wide rules.
    for path, file in todo:
        if file not in wanted:
            scanned_outcome = scan_file(path, file)
            if cache is not None:
                cache.note(scanned_outcome)
            collect(scanned_outcome)
    if progress and len(wanted) < len(todo):
        progress(sum(1 for _, file in todo if file not in wanted))
    todo = [item for item in todo if item[1] in wanted]
    dump = cache is not None
    checked = _check_all(registry, todo, keep_data, progress, workers, start_method, dump, compact)
    for outcome in checked:
        if cache is not None:
            cache.put(outcome)
        outcome.data_json = outcome.summary_json = None
        collect(outcome)

    summaries.sort(key=lambda s: s.file)
    summaries, changed = settle(summaries, scanned, wanted)
    problems += changed
    by_file = {s.file: s for s in summaries}
    for problem in rules.run_registry_rules(summaries, report_for=None if everywhere else wanted):
        if everywhere or problem.file in wanted:
            problems.append(problem)
            if problem.file not in sources:
                document = pinned(by_file[problem.file])
                sources[problem.file] = document.text if document else ""
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.rule))
    sites.sort(key=lambda s: s.file)
    return CheckResult(len(wanted) + settings_given, problems, sites, sources)
