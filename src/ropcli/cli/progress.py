"""`validate`'s way of running the check: with the cache and, on a terminal, a progress bar.

Kept out of `check` (the library never prints) and out of `cli` (which stays options →
call → reporter).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ropcli.validation.cached import check_cached
from ropcli.validation.check import CheckResult, Progress, expand_paths, site_files
from ropcli.validation.registry import Registry

PROGRESS_FROM = 300  # files: below this a run is over before a bar is worth drawing


@contextmanager
def progress_bar(total: int) -> Iterator[Progress | None]:
    """A rich bar on standard error for long runs on a terminal; nothing otherwise."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Проверка файлов", total=total)
        yield lambda done: bar.advance(task, done)


def check_with_cache(
    registry: Registry,
    paths: Sequence[Path] | None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> CheckResult:
    total = len(set(site_files(registry)) | set(expand_paths(paths or [])))
    with progress_bar(total) as progress:
        return check_cached(
            registry,
            paths,
            folder=cache_dir,
            enabled=use_cache,
            keep_data=False,
            progress=progress,
        )
