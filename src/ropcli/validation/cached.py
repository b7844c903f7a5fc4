"""The check as commands run it: through the user's cache, and only the files a command needs.

Every command reads the register through one cache (`ropcli.validation.cache`): `validate`,
`status`, `reports`, `show`, `render`, `new` and `record`. Where the cache lives:
`$ROPCLI_CACHE_DIR`, then the user cache folder; it is off with `ROPCLI_NO_CACHE=1`. The
global options `--cache-dir` and `--no-cache` of every command set these two for the run.

A command about one site (`show ID`, `render … ID`, `record … ID`) checks that site's file
fully and compares its id, ИНН and ОГРН with the rest of the register through the
identifier index (`ropcli.validation.stamps`), so an unchanged register is not re-read.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropcli.core.settings import Settings
from ropcli.validation.check import CheckResult, check
from ropcli.validation.registry import Registry

if TYPE_CHECKING:
    from ropcli.validation.cache import Cache

CACHE_ENV = "ROPCLI_CACHE_DIR"
NO_CACHE_ENV = "ROPCLI_NO_CACHE"


def open_cache(
    settings: Settings, folder: Path | None = None, enabled: bool = True
) -> Cache | None:
    """The cache for these settings, or None when it is turned off."""
    if not enabled or os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    from ropcli.validation.cache import Cache, default_dir

    chosen = folder or (Path(os.environ[CACHE_ENV]) if os.environ.get(CACHE_ENV) else None)
    return Cache(chosen or default_dir(), settings)


def check_cached(
    registry: Registry,
    paths: Sequence[Path] | None = None,
    *,
    folder: Path | None = None,
    enabled: bool = True,
    **options: Any,
) -> CheckResult:
    """`check` (same arguments) with the cache opened before and closed after."""
    cache = open_cache(registry.settings, folder, enabled)
    try:
        return check(registry, paths, cache=cache, **options)
    finally:
        if cache is not None:
            cache.close()


def files_of(registry: Registry, ids: Sequence[str]) -> list[Path] | None:
    """The files of the sites `ids` (`sites/<id>.yaml` or `.yml`), or None if one of them
    has no file — then the whole register is read, for the message with close ids."""
    found: list[Path] = []
    for site_id in dict.fromkeys(ids):
        if not site_id or "/" in site_id or "\\" in site_id or site_id.startswith("."):
            return None
        here = [
            registry.sites_dir / f"{site_id}{suffix}"
            for suffix in (".yaml", ".yml")
            if os.path.lexists(registry.sites_dir / f"{site_id}{suffix}")
        ]
        if not here:
            return None
        found += here
    return found
