"""A cache of per-file check results, so an unchanged register is checked in a blink.

Keyed by what decides a file's result and nothing else:

* the file's bytes (a BLAKE2 digest — not its modification time, which a checkout, a copy
  or a coarse clock can leave unchanged while the content changes) and its name in the
  registry (problems carry it; the `id-matches-file` rule reads it);
* a fingerprint of ropcli itself — its version, the source of its modules and its schemas,
  so an upgrade or an edited rule never answers from old results — and of the settings.

Registry-wide rules are never cached: they run on every call over the identifiers the
cache keeps. A cache that cannot be opened or written is simply not used: it is an
optimisation, never a reason for a command to fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from ropcli import __version__
from ropcli.check import FileOutcome
from ropcli.problems import Problem
from ropcli.resources import data_dir
from ropcli.settings import Settings
from ropcli.yamlio import content_digest

LIBRARIES = ("PyYAML", "jsonschema", "jsonschema-rs", "rfc3986-validator")
KEEP_DAYS = 30  # cache files of other versions or settings older than this are removed


def default_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ropcli", appauthor=False))


def code_files() -> list[Path]:
    """ropcli's own modules and schemas: what decides a result besides the file itself."""
    package = Path(__file__).resolve().parent
    return sorted([*package.rglob("*.py"), *data_dir("schemas").glob("*.json")])


def fingerprint(
    settings: Settings, version: str = __version__, files: list[Path] | None = None
) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(version.encode())
    for library in LIBRARIES:  # a parser or validator upgrade can change an answer too
        digest.update(f"{library}={metadata.version(library)}".encode())
    for path in code_files() if files is None else files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(repr(settings).encode())
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path, settings: Settings) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str]] = []
        self.hits = 0
        try:
            folder.mkdir(parents=True, exist_ok=True)
            name = f"results-{fingerprint(settings)}.sqlite"
            _prune(folder, keep=name)
            self._db = sqlite3.connect(folder / name, timeout=5)
            os.utime(folder / name)  # in use: not for pruning
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS result (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
        except (OSError, sqlite3.Error):
            self._db = None

    @staticmethod
    def _key(file: str, digest: str) -> str:
        return f"{file}\0{digest}"

    def get(self, path: Path, file: str) -> FileOutcome | None:
        if self._db is None:
            return None
        try:
            key = self._key(file, content_digest(path.read_bytes()))
        except OSError:
            return None
        try:
            row = self._db.execute("SELECT value FROM result WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        self.hits += 1
        return _load(json.loads(row[0]), path, key.split("\0", 1)[1])

    def put(self, outcome: FileOutcome) -> None:
        """Keyed by the digest of the bytes that were checked — not of the file as it is
        now, which an editor may have saved again in the meantime."""
        if self._db is not None and outcome.digest:
            key = self._key(outcome.file, outcome.digest)
            self._pending.append((key, json.dumps(_dump(outcome), ensure_ascii=False)))

    def close(self) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO result VALUES (?, ?)", self._pending)
            self._db.close()
        self._pending.clear()
        self._db = None


def _dump(outcome: FileOutcome) -> dict[str, Any]:
    return {
        "file": outcome.file,
        "problems": [p.to_dict() for p in outcome.problems],
        "values": outcome.values,
        "parsed": outcome.parsed,
        "schema_valid": outcome.schema_valid,
        "source": outcome.source,
    }


def _load(data: dict[str, Any], path: Path, digest: str) -> FileOutcome:
    return FileOutcome(
        file=data["file"],
        path=path,
        problems=[Problem(**p) for p in data["problems"]],
        values=data["values"],
        parsed=data["parsed"],
        schema_valid=data["schema_valid"],
        source=data["source"],
        digest=digest,
    )


def _prune(folder: Path, keep: str) -> None:
    cutoff = time.time() - KEEP_DAYS * 86400
    for old in folder.glob("results-*.sqlite"):
        with contextlib.suppress(OSError):
            if old.name != keep and old.stat().st_mtime < cutoff:
                old.unlink()
