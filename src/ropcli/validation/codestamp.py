"""The digest of ropcli's own modules and schemas, kept by their stamps so runs need not read them.

The cache's fingerprint (`ropcli.validation.cache.fingerprint`) covers the bytes of every
module and schema of ropcli, so an edited rule never answers from old results. Reading and
hashing ~170 files costs a one-site command ~6–15 ms on every run; this module keeps the
digest of those bytes in a small JSON file of the cache folder, keyed by the files' *stamps*
— the same stamps, with the same argument, as the identifier index
(`ropcli.validation.stamps`):

* a stamp is the path and the `stat` (device, inode, mode, size, modification and
  status-change times in nanoseconds) of the file the bytes are read from — `stat`, not
  `lstat`, so a linked module is stamped by the file whose bytes count;
* the stamps are taken *before* the bytes are read, and a write, rename, `chmod` or `utime`
  sets the status-change time (ctime) to the kernel's clock, which no program can set back:
  `touch -r` after a same-size edit, `rsync -t` (a new inode), an editor that saves by
  renaming and a `pip install` over the package all change a stamp;
* an added or removed module changes the list, and so the key;
* a digest is kept only when every file last changed more than `RACY_NS` (2 s) before the
  run began: a change within the same clock tick as the read is read again next time;
* only where ctime is the status-change time (`TRUSTED`, POSIX); elsewhere every run reads
  the files, as before.

A kept file that is missing, unreadable, not JSON or of the wrong shape is simply not used;
writing it is atomic (a new file renamed over the old) and a failure to write is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from ropcli.validation.stamps import RACY_NS, TRUSTED

KEEP = 16  # digests of this many lists of stamps (several installs may share a cache folder)


def read_digest(files: list[Path]) -> str:
    """Each file's name and bytes, hashed: what the fingerprint has always covered."""
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamps(files: list[Path]) -> tuple[str, int] | None:
    """(key of every file's path and stamp, the latest change), None if one cannot be stamped."""
    key = hashlib.blake2b(digest_size=16)
    latest = 0
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            return None
        key.update(
            f"{os.fspath(path)}\0{info.st_dev}:{info.st_ino}:{info.st_mode}:{info.st_size}:"
            f"{info.st_mtime_ns}:{info.st_ctime_ns}\n".encode("utf-8", "surrogateescape")
        )
        latest = max(latest, info.st_ctime_ns, info.st_mtime_ns)
    return key.hexdigest(), latest


def _load(keep: Path) -> dict[str, str]:
    try:
        data = json.loads(keep.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str) and len(v) == 32}


def _save(keep: Path, kept: dict[str, str]) -> None:
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(prefix=".code-", suffix=".tmp", dir=keep.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(kept, out)
            os.replace(name, keep)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)


def code_digest(files: list[Path], keep: Path | None, now_ns: int | None = None) -> str:
    """`read_digest(files)`, taken from `keep` when every file's stamp is as it was when the
    digest was kept; `now_ns` is when the run began (the start of this call if not given)."""
    started = time.time_ns() if now_ns is None else now_ns
    stamped = _stamps(files) if keep is not None and TRUSTED else None
    kept = _load(keep) if keep is not None and stamped is not None else {}
    if stamped is not None and stamped[0] in kept:
        return kept[stamped[0]]
    digest = read_digest(files)  # read after the stamps were taken
    if keep is not None and stamped is not None and stamped[1] < started - RACY_NS:
        kept.pop(stamped[0], None)
        kept[stamped[0]] = digest
        _save(keep, dict(list(kept.items())[-KEEP:]))
    return digest
