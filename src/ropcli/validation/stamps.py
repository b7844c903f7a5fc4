"""The identifier index of the cache: which bytes each site file held, known without reading it.

For every file the cache has seen it keeps the file's *stamp* (device, inode, mode, size,
modification and status-change times in nanoseconds, from `lstat`), the SHA-256 digest of
the bytes read right after that stamp was taken, and what the registry-wide rules compare
(id, ИНН, ОГРН). A file whose stamp is unchanged is taken to hold the same bytes, so an
unchanged register of 10,000 files costs 10,000 `lstat` calls instead of 10,000 reads.

Why an unchanged stamp cannot hide a changed file (docs/performance.md):

* the stamp is taken *before* the bytes are read, so a write after the stamp changes the
  status-change time (ctime) — which the kernel sets to its own clock on every write, rename,
  `chmod` or `utime`, and which no program can set back;
* `touch -r`/`utime` restore the modification time but move the ctime; `rsync -t` and
  editors that save by renaming a new file over the old give a new inode; a same-size edit
  in place moves the ctime;
* a stamp is stored only when the file's ctime is older than the run's start by more than
  `RACY_NS` (the coarsest timestamp granularity of a common file system, FAT's 2 s): a file
  changed within the same clock tick as it was read ("racy") is read again next time.

Only where `st_ctime` is the status-change time (POSIX: Linux, macOS, the BSDs) are stamps
kept. On Windows it is the creation time, which an edit does not move, so there every file
is read and hashed, as before the index existed.

The index belongs to one cache database, made for one ropcli, one set of settings and one
set of parser libraries; a row whose stamp differs is simply read again.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ropcli.validation.registry import absolute_path

RACY_NS = 2_000_000_000
TRUSTED = os.name == "posix"  # st_ctime is the status-change time, which every write moves
BATCH = 500
# (value, end) of the JSON text at an offset: json.loads, less its costs per call
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Entry:
    """What the index knows of a file while its stamp stays the same."""

    file: str
    digest: str
    values: dict[str, Any]
    parsed: bool
    scanned: bool  # values read from parser events: the rest of the file not parsed


Known = tuple[Path, str, str, dict[str, Any], bool, bool]  # path, file, digest, values, …
Unknown = tuple[Path, str, tuple[str, int] | None]  # the stamp taken before the read


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """No cyclic garbage collection while 10,000 rows become objects (none of them in a
    cycle): each collection would walk every object made so far, ~15 % of a one-site
    command's time at 10,000 sites. Reference counting frees memory as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def stamp_of(path: Path) -> tuple[str, int] | None:
    """(stamp, ctime_ns) of a regular file, None for anything else or a file that is gone."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    stamp = (
        f"{info.st_dev}:{info.st_ino}:{info.st_mode}:{info.st_size}:"
        f"{info.st_mtime_ns}:{info.st_ctime_ns}"
    )
    return stamp, max(info.st_ctime_ns, info.st_mtime_ns)


class Index:
    """The `stamp` table of a cache database, loaded once per run."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.started_ns = time.time_ns()  # before any file of this run is looked at
        self._rows: dict[str, tuple[str, str, str, str, int, int]] = {}
        self._pending: list[tuple[str, str, str, str, str, int, int]] = []
        db.execute(
            "CREATE TABLE IF NOT EXISTS stamp (path TEXT PRIMARY KEY, stamp TEXT NOT NULL, "
            "file TEXT NOT NULL, digest TEXT NOT NULL, ids TEXT NOT NULL, "
            "parsed INTEGER NOT NULL, scanned INTEGER NOT NULL)"
        )
        with paused_collector():
            rows = db.execute("SELECT path, stamp, file, digest, ids, parsed, scanned FROM stamp")
            self._rows = {row[0]: row[1:] for row in rows}

    @staticmethod
    def key(path: Path) -> str:
        name = absolute_path(path)
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def lookup(self, path: Path, file: str, stamp: str) -> Entry | None:
        """The entry of `path` if it was made for this stamp and this file name, else None."""
        row = self._rows.get(self.key(path))
        if row is None or row[0] != stamp or row[1] != _storable(file):
            return None
        try:
            values = json.loads(row[3])
        except ValueError:
            return None
        if not isinstance(values, dict) or not isinstance(row[2], str) or len(row[2]) != 64:
            return None
        return Entry(file, row[2], values, bool(row[4]), bool(row[5]))

    def verify(
        self, items: Sequence[tuple[Path, str]], folder: Path
    ) -> tuple[list[Known], list[Unknown]]:
        """`lookup` of many files of `folder` (each path `folder / its name`) in one tight
        loop: those whose stamp is unchanged, with what the index holds of them (digest,
        values, parsed, scanned), and the others with the stamp taken now (before they are
        read; None for a file that is gone or not a regular file)."""
        rows, lstat, regular, scan = self._rows, os.lstat, stat.S_ISREG, _SCAN
        prefix = self.key(folder / "x")[:-1]  # the folder's key ends in a separator (ASCII)
        base = os.path.join(folder, "")  # the folder's path as the paths in it begin
        known: list[Known] = []
        unknown: list[Unknown] = []
        for path, file in items:
            name = path.name
            try:
                info = lstat(base + name)
            except OSError:
                unknown.append((path, file, None))
                continue
            if not regular(info.st_mode):
                unknown.append((path, file, None))
                continue
            stamp = (
                f"{info.st_dev}:{info.st_ino}:{info.st_mode}:{info.st_size}:"
                f"{info.st_mtime_ns}:{info.st_ctime_ns}"
            )
            row = rows.get(prefix + (name if name.isascii() else _storable(name)))
            values: Any = None
            # A name read from SQLite holds no surrogates: equal to `file`, it is storable.
            if (
                row is not None
                and row[0] == stamp
                and (row[1] == file or row[1] == _storable(file))
            ):
                with contextlib.suppress(ValueError, TypeError, StopIteration):
                    values, end = scan(row[3], 0)
                    values = values if end == len(row[3]) else None
            if row is not None and isinstance(values, dict) and _digest(row[2]):
                known.append((path, file, row[2], values, bool(row[4]), bool(row[5])))
            else:
                unknown.append((path, file, (stamp, max(info.st_ctime_ns, info.st_mtime_ns))))
        return known, unknown

    def settled(self, changed_ns: int) -> bool:
        """A stamp may be trusted later only if the file last changed well before this run
        began: a change within the same timestamp tick would leave the stamp as it is."""
        return TRUSTED and changed_ns < self.started_ns - RACY_NS

    def note(self, path: Path, stamp: tuple[str, int] | None, entry: Entry) -> None:
        """Remember `entry` for `stamp`, which was taken before the bytes were read."""
        if stamp is None or not self.settled(stamp[1]) or not entry.digest:
            return
        key = self.key(path)
        ids = json.dumps(entry.values, default=str)
        row = (stamp[0], _storable(entry.file), entry.digest, ids, int(entry.parsed))
        if self._rows.get(key) == (*row, int(entry.scanned)):
            return
        self._rows[key] = (*row, int(entry.scanned))
        self._pending.append((key, *row, int(entry.scanned)))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        with contextlib.suppress(sqlite3.Error, ValueError):
            self._db.executemany(
                "INSERT OR REPLACE INTO stamp VALUES (?, ?, ?, ?, ?, ?, ?)", self._pending
            )
        self._pending.clear()


def _digest(digest: Any) -> bool:
    return isinstance(digest, str) and len(digest) == 64


def _storable(file: str) -> str:
    return file.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
