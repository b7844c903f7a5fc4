"""A cache of per-file check results, so an unchanged register is checked in a blink.

Keyed by what decides a file's result and nothing else:

* the file's bytes (a SHA-256 digest, `ropcli.yamlio.content_digest` — not its
  modification time, which a checkout, a copy or a coarse clock can leave unchanged while
  the content changes) and its name in the
  registry (problems carry it; the `id-matches-file` rule reads it);
* a fingerprint of ropcli itself — its version, the source of its modules and its schemas,
  so an upgrade or an edited rule never answers from old results — and of the settings.

A row also keeps the file's plain data (as JSON, when it comes back exactly as it was), so
`status`, `reports`, `show`, `render` and `record` read unchanged files from it too.
Registry-wide rules are never cached: they run on every call over the identifiers the
cache keeps, which the identifier index (`ropcli.validation.stamps`) gives without reading
a file whose stamp has not changed. A cache that cannot be opened or written is simply not
used: it is an optimisation, never a reason for a command to fail.

A row is not trusted as it is: it carries the file name, the content digest and the
fingerprint it was made for, and every field is checked on read. A row that does not
match, does not parse or has a field of the wrong kind is a miss (the file is checked
again), never an error and never a pass.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ropcli import __version__
from ropcli.core.problems import ERROR, WARNING, Problem
from ropcli.core.resources import data_dir
from ropcli.core.settings import Settings
from ropcli.validation.check import FileOutcome
from ropcli.validation.codestamp import code_digest
from ropcli.validation.stamps import Entry, Index, paused_collector, stamp_of
from ropcli.yamlio import content_digest

Item = tuple[Path, str]  # a file and its name in the registry
LIBRARIES = ("PyYAML", "jsonschema", "jsonschema-rs", "rfc3986-validator")
BATCH = 200  # rows written at a time, so a cold run of a large register holds few in memory
KEEP_DAYS = 30  # cache files of other versions or settings older than this are removed


def default_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ropcli", appauthor=False))


def code_files() -> list[Path]:
    """ropcli's own modules and schemas: what decides a result besides the file itself."""
    package = Path(__file__).resolve().parents[1]  # all of ropcli, not only validation
    return sorted([*package.rglob("*.py"), *data_dir("schemas").glob("*.json")])


def fingerprint(
    settings: Settings,
    version: str = __version__,
    files: list[Path] | None = None,
    keep: Path | None = None,
) -> str:
    """With `keep`, the digest of the modules is kept there by their stamps (`codestamp`)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(version.encode())
    for library in LIBRARIES:  # a parser or validator upgrade can change an answer too
        digest.update(f"{library}={metadata.version(library)}".encode())
    digest.update(code_digest(code_files() if files is None else files, keep).encode())
    digest.update(repr(settings).encode())
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path, settings: Settings) -> None:
        self._db: sqlite3.Connection | None = None
        self.fingerprint = ""
        self._pending: list[tuple[str, str]] = []
        self._sites: list[tuple[str, str, str]] = []  # key, summary, data
        self._stamps: dict[str, tuple[str, int] | None] = {}  # taken before a miss is read
        self._seen: dict[tuple[str, str], FileOutcome] = {}  # verified in this run: by folder, file
        self.index: Index | None = None
        self.hits = 0
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.fingerprint = fingerprint(settings, keep=folder / "code-digests.json")
            name = f"results-{self.fingerprint}.sqlite"
            _prune(folder, keep=name)
            self._db = sqlite3.connect(folder / name, timeout=5)
            os.utime(folder / name)  # in use: not for pruning
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS result (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS site (key TEXT PRIMARY KEY, summary TEXT, data TEXT)"
            )
            self.index = Index(self._db)
        except (OSError, sqlite3.Error):
            self._db = None
            self.index = None

    @staticmethod
    def _key(file: str, digest: str) -> str:
        return f"{_storable(file)}\0{digest}"

    def known(self, items: Sequence[Item], folder: Path) -> tuple[list[FileOutcome], list[Item]]:
        """What registry-wide rules compare of files nobody asked about (each `folder / its
        name`, as `site_files` lists them): the outcomes of those the index knows by their
        unchanged stamps (not read at all), and the files to read.

        What this cache — one command's run — has verified is not verified again: a writer
        checks the register before and after its edit with one cache, and the second check
        compares the new bytes with the register as the first one saw it."""
        outcomes: list[FileOutcome] = []
        if self.index is None:
            return outcomes, list(items)
        rest: list[Item] = []
        seen, where = self._seen, os.fspath(folder)
        for item in items:
            earlier = seen.get((where, item[1]))
            if earlier is None:
                rest.append(item)
            else:
                outcomes.append(earlier)
        with paused_collector():
            found, unknown = self.index.verify(rest, folder)
            for path, file, digest, values, parsed, scanned in found:
                outcome = FileOutcome(
                    file, path, [], values, parsed, digest=digest, scanned=scanned
                )
                seen[where, file] = outcome
                outcomes.append(outcome)
        self.hits += len(outcomes)
        for _, file, stamp in unknown:
            self._stamps[file] = stamp
        return outcomes, [(path, file) for path, file, _ in unknown]

    def get(self, path: Path, file: str, need: str = "") -> FileOutcome | None:
        """The cached outcome of a file whose bytes (and this ropcli) are unchanged; with
        `need` "data" or "summary", only if the file's data or lifecycle summary is there
        too (`data` of the outcome)."""
        if self._db is None or self.index is None:
            return None
        stamp = stamp_of(path)
        entry = self.index.lookup(path, file, stamp[0]) if stamp else None
        if entry is not None:
            digest = entry.digest
        else:
            from ropcli.yamlio.files import Refused, read_regular

            self._stamps[file] = stamp
            try:
                digest = content_digest(read_regular(path))
            except (OSError, Refused):
                return None  # checked afresh, which reports what is wrong with the file
        try:
            row = self._db.execute(
                "SELECT value FROM result WHERE key = ?", (self._key(file, digest),)
            ).fetchone()
        except sqlite3.Error:
            return None
        outcome = _load(row[0], path, file, digest, self.fingerprint) if row else None
        if outcome is None:
            return None
        if need and outcome.parsed:
            outcome.data = self._site(self._key(file, digest), need)
            if outcome.data is None:
                return None  # checked afresh, which gives the data
        if entry is None:
            self.note(outcome)
        self.hits += 1
        return outcome

    def _site(self, key: str, need: str) -> dict[str, Any] | None:
        assert self._db is not None and need in ("summary", "data")
        try:
            row = self._db.execute(f"SELECT {need} FROM site WHERE key = ?", (key,)).fetchone()
            found = json.loads(row[0]) if row and isinstance(row[0], str) else None
        except (sqlite3.Error, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def note(self, outcome: FileOutcome) -> None:
        """Put the file's identifiers into the index under the stamp taken before it was read."""
        if self.index is not None and outcome.file in self._stamps:
            entry = Entry(
                outcome.file, outcome.digest, outcome.values, outcome.parsed, outcome.scanned
            )
            self.index.note(outcome.path, self._stamps.pop(outcome.file), entry)

    def put(self, outcome: FileOutcome) -> None:
        """Keyed by the digest of the bytes that were checked — not of the file as it is
        now, which an editor may have saved again in the meantime."""
        if self._db is not None and outcome.digest:
            key = self._key(outcome.file, outcome.digest)
            row = _dump(outcome, self.fingerprint)
            # ASCII JSON: a name that was not UTF-8 survives as a \udcXX escape.
            self._pending.append((key, json.dumps(row, default=str)))
            if outcome.data_json is not None and outcome.summary_json is not None:
                self._sites.append((key, outcome.summary_json, outcome.data_json))
            self.note(outcome)
            if len(self._pending) >= BATCH:
                self._write()

    def _write(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error, ValueError):
                self._db.executemany("INSERT OR REPLACE INTO result VALUES (?, ?)", self._pending)
                self._db.executemany("INSERT OR REPLACE INTO site VALUES (?, ?, ?)", self._sites)
        self._pending.clear()
        self._sites.clear()

    def close(self) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error, ValueError):
            with self._db:
                self._write()
                if self.index is not None:
                    self.index.flush()
            self._db.close()
        self._pending.clear()
        self._db = None
        self.index = None


def _storable(file: str) -> str:
    """A file name that was not UTF-8 holds surrogates, which SQLite cannot store."""
    return file.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _dump(outcome: FileOutcome, made_for: str) -> dict[str, Any]:
    return {
        "made_for": made_for,
        "file": _storable(outcome.file),
        "digest": outcome.digest,
        "problems": [p.to_dict() for p in outcome.problems],
        "values": outcome.values,
        "parsed": outcome.parsed,
        "schema_valid": outcome.schema_valid,
        "source": outcome.source,
    }


_PROBLEM_FIELDS = {
    "file": str,
    "line": int,
    "column": int,
    "rule": str,
    "severity": str,
    "message": str,
    "pointer": str,
}


def _problem(data: Any) -> Problem | None:
    if not isinstance(data, dict) or set(data) != {*_PROBLEM_FIELDS, "clause"}:
        return None
    if not all(type(data[k]) is kind for k, kind in _PROBLEM_FIELDS.items()):
        return None
    if data["severity"] not in (ERROR, WARNING) or not isinstance(data["clause"], str | None):
        return None
    return Problem(**data)


def _load(text: Any, path: Path, file: str, digest: str, made_for: str) -> FileOutcome | None:
    """The outcome a row holds, or None unless it is whole and made for exactly this file,
    these bytes and this ropcli with these settings."""
    try:
        data = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    expected = {"made_for": made_for, "file": _storable(file), "digest": digest}
    if any(data.get(key) != value for key, value in expected.items()):
        return None
    problems = [_problem(p) for p in data.get("problems", None) or []]
    kinds = (
        isinstance(data.get("problems"), list)
        and isinstance(data.get("values"), dict)
        and isinstance(data.get("parsed"), bool)
        and isinstance(data.get("schema_valid"), bool)
        and isinstance(data.get("source"), str)
    )
    if not kinds or None in problems:
        return None
    return FileOutcome(
        file=file,
        path=path,
        problems=[p for p in problems if p is not None],
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
