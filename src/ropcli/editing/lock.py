"""One writer at a time: the register's lock for `ropcli new` and `ropcli record`.

Every write is a read–check–replace cycle: the file is read, the change applied, the whole
register checked with it, and only then the file replaced. Two writers interleaving those
steps lose an entry — both read the same text, the second rename wins — so the whole cycle
runs under one exclusive lock:

* one lock for the register, not one per site file: the check covers registry-wide rules
  (one ИНН in two files), which two writers to different files could each pass and
  together break. Writes are rare and a cycle takes about a second, so the queue is short;
* the lock file is `sites/.ropcli.lock` — a dotfile not ending in .yaml, which validate,
  diff and every listing of site files pass by. It is removed on release (under the lock,
  so a waiter that opened the old file notices and takes the new one); one left by a
  killed writer holds no lock — the system drops a dead process's locks — and goes with
  the next write;
* flock on Linux and macOS, msvcrt.locking on Windows, behind `_try_lock`/`release_lock`;
  a busy lock is tried every `POLL` seconds until the deadline — `LOCK_TIMEOUT`, or
  $ROPCLI_LOCK_TIMEOUT seconds — and then the command gives up (exit 3, file untouched).
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ropcli.core.problems import ExitCode, RopcliError, os_reason

if TYPE_CHECKING:
    from ropcli.validation.registry import Registry

LOCK_NAME = ".ropcli.lock"
LOCK_TIMEOUT = 60.0  # seconds a writer waits for its turn
TIMEOUT_VARIABLE = "ROPCLI_LOCK_TIMEOUT"
POLL = 0.05  # seconds between attempts to take a busy lock


class LockTimeout(Exception):
    """Another process held the lock for the whole timeout."""


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def release_lock(fd: int, path: Path) -> None:
        """Unlock and close; then remove the file — which Windows refuses while another
        writer has it open, and then it stays for that writer to lock and remove."""
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release_lock(fd: int, path: Path) -> None:
        """Remove the file while still holding it, then close (which unlocks): a writer
        waiting on this file finds it gone (`_is_current`) and takes a new one."""
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _is_current(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (not removed by its last owner)."""
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    here = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _open_lock(path: Path) -> int:
    flags = os.O_CREAT | getattr(os, "O_NOINHERIT", 0)
    try:
        return os.open(path, os.O_RDWR | flags, 0o666)
    except PermissionError:  # a lock file another user left (a crash): reading is enough
        return os.open(path, os.O_RDONLY | flags, 0o666)


def acquire_lock(path: Path, timeout: float, on_wait: Callable[[], None] | None = None) -> int:
    """Take the exclusive lock `path` (created if missing) and return its descriptor for
    `release_lock`; if it is busy, `on_wait()` is called once and the lock is tried again
    every `POLL` seconds until `timeout` (`LockTimeout`). An OS failure is an `OSError`."""
    deadline = time.monotonic() + timeout
    waiting = False
    while True:
        fd = _open_lock(path)
        try:
            if _try_lock(fd) and _is_current(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        if time.monotonic() >= deadline:
            raise LockTimeout(str(path))
        if not waiting and on_wait is not None:
            on_wait()
            waiting = True
        time.sleep(POLL)


def lock_timeout() -> float:
    """`LOCK_TIMEOUT`, or the seconds in $ROPCLI_LOCK_TIMEOUT (0: do not wait at all)."""
    raw = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return LOCK_TIMEOUT
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = math.nan
    if not 0 <= value <= 86400:
        raise RopcliError(
            f"{TIMEOUT_VARIABLE}={raw}: нужно число секунд ожидания от 0 до 86400, например 60",
            ExitCode.USAGE,
        )
    return value


@contextlib.contextmanager
def register_lock(
    registry: Registry, on_wait: Callable[[float], None] | None = None
) -> Iterator[None]:
    """Hold the register's write lock for the block; `on_wait(timeout)` is called once if
    another writer has it. A timeout or an OS failure is a `RopcliError` (exit 3)."""
    path = registry.sites_dir / LOCK_NAME
    timeout = lock_timeout()
    file = registry.relative(path)
    try:
        registry.sites_dir.mkdir(parents=True, exist_ok=True)
        fd = acquire_lock(path, timeout, None if on_wait is None else lambda: on_wait(timeout))
    except LockTimeout:
        raise RopcliError(
            f"реестр занят: за {timeout:g} с не дошла очередь на запись — реестр меняют другие "
            f"команды ropcli (блокировка {file}); изменение не записано, повторите команду позже"
        ) from None
    except OSError as exc:
        raise RopcliError(
            f"не удалось взять блокировку записи {file}: {os_reason(exc)}; изменение не записано"
        ) from None
    try:
        yield
    finally:
        release_lock(fd, path)
