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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from ropcli import rules
from ropcli.problems import ERROR, WARNING, Problem, RopcliError
from ropcli.registry import SETTINGS_FILE, SITES_DIR, Registry
from ropcli.rules import SiteContext, SiteSummary
from ropcli.settings import Settings
from ropcli.yamlio import MAX_FILE_BYTES, decode, iter_yaml_files, read_file, scan_values

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


@dataclass
class FileOutcome:
    """What checking one file gives; small and picklable, so workers can send it back."""

    file: str
    path: Path
    problems: list[Problem]
    values: dict[str, Any]  # pointer -> value, for the registry-wide rules
    parsed: bool = False
    data: dict[str, Any] | None = None  # the plain data, when asked for
    schema_valid: bool = False
    source: str = ""  # the text, kept only when there are problems to show
    digest: str = ""  # of the bytes that were checked: what the cache keys the result by
    scanned: bool = False  # only identifiers read (scan_file), the file itself not checked

    def summary(self) -> SiteSummary:
        return SiteSummary(self.file, self.path, self.values)


def site_files(registry: Registry) -> list[Path]:
    folder = registry.sites_dir
    if not folder.is_dir():
        return []
    try:
        with os.scandir(folder):  # glob would pass over a folder it may not read
            pass
    except OSError as exc:
        raise RopcliError(f"папка {SITES_DIR}/ не читается: {exc.strerror}") from None
    return list(iter_yaml_files(folder))


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders as their *.yaml files (a registry folder: its sites/)."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            inner = path / "sites" if (path / "sites").is_dir() else path
            result.extend(iter_yaml_files(inner))
        else:
            result.append(path)
    return result


def check_file(registry: Registry, path: Path, file: str, keep_data: bool = True) -> FileOutcome:
    """One file through the loader, the schema and the site rules."""
    loaded = read_file(path, file)
    problems = list(loaded.problems)
    document = loaded.document
    if document is None:
        return FileOutcome(file, path, problems, {}, source=loaded.text, digest=loaded.digest)
    problems += registry.schema_checker.check("site", document.data, document, file)
    site = SiteContext(
        file=file,
        stem=path.name.rsplit(".", 1)[0],
        data=document.data,
        settings=registry.settings,
        schema_valid=not problems,
        path=path,
        parsed=document,
    )
    problems += rules.run_site_rules(site)
    values = {p: rules.value_at(document.data, p) for p in rules.REGISTRY_KEYS}
    return FileOutcome(
        file,
        path,
        problems,
        values,
        True,
        document.data if keep_data else None,
        site.schema_valid,
        loaded.text if problems else "",
        loaded.digest,
    )


def scan_file(path: Path, file: str) -> FileOutcome:
    """Only the identifiers of a file nobody asked to check (for registry-wide rules).

    `scan_values` stops reading once it has them, so it cannot tell whether the rest of the
    file parses; such an outcome is `scanned`, and `verified` settles it where it matters.
    """
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        raw = None
    text = decode(raw, file)[0] if raw is not None else None
    values = scan_values(text, rules.REGISTRY_KEYS) if text is not None else None
    return FileOutcome(file, path, [], values or {}, parsed=values is not None, scanned=True)


def verified(summaries: list[SiteSummary], scanned: set[str]) -> list[SiteSummary]:
    """The summaries registry-wide rules may use: a scanned file that shares a value with
    another file counts only if it parses in full, as it would in a check of every file
    (a broken copy is reported as broken, not as a duplicate)."""
    seen: dict[tuple[str, Any], int] = {}
    for summary in summaries:
        for pointer, value in summary.values.items():
            if isinstance(value, str):
                seen[pointer, value] = seen.get((pointer, value), 0) + 1

    def shares(summary: SiteSummary) -> bool:
        return any(seen.get((p, v), 0) > 1 for p, v in summary.values.items())

    return [
        s
        for s in summaries
        if s.file not in scanned or not shares(s) or read_file(s.path, s.file).document
    ]


# A worker process checks with the registry it was handed once, not once per file.
_WORKER_REGISTRY: Registry | None = None


def _init_worker(root: Path, settings: Settings, reference_schema: bool) -> None:
    """Where processes are spawned (Windows, macOS) the registry is rebuilt from what the
    parent had — its settings, not whatever ropcli.yaml says now or a default."""
    global _WORKER_REGISTRY
    if _WORKER_REGISTRY is None or _WORKER_REGISTRY.root != root:
        _WORKER_REGISTRY = Registry(root, settings, reference_schema)


def _check_chunk(chunk: list[tuple[Path, str]], keep_data: bool) -> list[FileOutcome]:
    assert _WORKER_REGISTRY is not None
    return [check_file(_WORKER_REGISTRY, path, file, keep_data) for path, file in chunk]


def _check_all(
    registry: Registry,
    todo: list[tuple[Path, str]],
    keep_data: bool,
    progress: Progress | None,
    workers: int | None,
    start_method: str | None = None,
) -> Iterator[FileOutcome]:
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(todo) >= PARALLEL_FROM else 1
    if workers < 2:
        for path, file in todo:
            yield check_file(registry, path, file, keep_data)
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
        for outcomes in pool.map(_check_chunk, chunks, [keep_data] * len(chunks)):
            yield from outcomes
            if progress:
                progress(len(outcomes))


def check(
    registry: Registry,
    paths: Sequence[Path] | None = None,
    *,
    keep_data: bool = True,
    cache: Any = None,
    progress: Progress | None = None,
    workers: int | None = None,
    start_method: str | None = None,
) -> CheckResult:
    """Check the given site files, or every file in `<registry>/sites/`.

    Registry-wide rules (uniqueness) always compare with the whole register, but only the
    problems of the files asked about are reported. `keep_data=False` (validate) keeps no
    site data in the result; `cache` (a `ropcli.cache.Cache`) answers for unchanged files;
    `workers` is how many processes check (default: one per core for a large register),
    started by `start_method` (default: fork where there is one, else spawn).
    """
    everything = site_files(registry)
    targets = expand_paths(paths) if paths else everything
    # ropcli.yaml among the paths (a pre-commit hook passes every changed file) was checked
    # by its own schema when the registry was opened: count it, do not read it as a site.
    settings_given = any(registry.relative(p) == SETTINGS_FILE for p in targets)
    targets = [p for p in targets if registry.relative(p) != SETTINGS_FILE]
    wanted = {registry.relative(p) for p in targets}
    todo: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for path in [*targets, *everything]:
        file = registry.relative(path)
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

    if cache is not None and not keep_data:  # the cache keeps no site data
        missed = []
        for path, file in todo:
            hit = cache.get(path, file)
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
            collect(scan_file(path, file))
    if progress and len(wanted) < len(todo):
        progress(sum(1 for _, file in todo if file not in wanted))
    todo = [item for item in todo if item[1] in wanted]
    for outcome in _check_all(registry, todo, keep_data, progress, workers, start_method):
        if cache is not None and not keep_data:
            cache.put(outcome)
        collect(outcome)

    summaries.sort(key=lambda s: s.file)
    summaries = verified(summaries, scanned)
    for problem in rules.run_registry_rules(summaries, report_for=wanted):
        if problem.file in wanted:
            problems.append(problem)
            if problem.file not in sources:
                sources[problem.file] = _read_text(registry.root / problem.file)
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.rule))
    sites.sort(key=lambda s: s.file)
    return CheckResult(len(wanted) + settings_given, problems, sites, sources)


def _read_text(path: Path) -> str:
    loaded = read_file(path, path.name)
    return loaded.text
