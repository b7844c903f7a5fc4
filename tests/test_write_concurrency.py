"""Writers in parallel, and writers that died: real processes on real files.

* twenty `ropcli record` processes on one site at once: every entry arrives (the register's
  write lock covers each whole read–check–replace cycle);
* a writer that waits too long gives up with exit 3 and a message, the file untouched;
* a lock file or a temporary file left by a killed process does not block or litter: the
  next write goes ahead and tidies up exactly what is ours.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ropcli.editing.lock import LOCK_NAME
from ropcli.yamlio.writing import STALE_AFTER
from tests.conftest import RunCli
from tests.write_support import copy_sample, site_file

WRITERS = 20
SITE = "kursk-sosh-5"


def _ropcli() -> list[str]:
    exe = shutil.which("ropcli", path=str(Path(sys.executable).parent)) or shutil.which("ropcli")
    return [exe] if exe else [sys.executable, "-m", "ropcli"]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", **extra}


def _record_activity(root: Path, title: str, **env: str) -> subprocess.Popen[str]:
    args = ["--date", "2027-03-10", "--kind", "seminar", "--title", title]
    return subprocess.Popen(
        [*_ropcli(), "--registry", str(root), "record", "activity", SITE, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_env(**env),
    )


def _titles(root: Path) -> list[str]:
    data = yaml.safe_load(site_file(root, SITE).read_bytes())
    return [str(entry["title"]) for entry in data.get("activities") or []]


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "sites").iterdir() if p.name.startswith("."))


def test_parallel_writers_lose_no_entry(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    earlier = _titles(root)
    titles = [f"Семинар наставников № {n}" for n in range(1, WRITERS + 1)]
    writers = [_record_activity(root, title, ROPCLI_LOCK_TIMEOUT="600") for title in titles]
    for writer in writers:
        _, stderr = writer.communicate(timeout=600)
        assert writer.returncode == 0, stderr
        assert f"Записано в sites/{SITE}.yaml." in stderr
        assert "Traceback" not in stderr
    after = _titles(root)
    assert after[: len(earlier)] == earlier
    assert sorted(after[len(earlier) :]) == sorted(titles)  # all twenty, in any order
    assert cli("--registry", str(root), "validate", "--strict").exit_code == 0
    assert _leftovers(root) == []  # no lock file, no temporary file


HOLD = """
import sys, time
from pathlib import Path
from ropcli.editing.lock import acquire_lock
acquire_lock(Path(sys.argv[1]), 5)
print("held", flush=True)
time.sleep(120)
"""


def _hold_lock(root: Path) -> subprocess.Popen[str]:
    """Another process holding the register's write lock until it is killed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root / "sites" / LOCK_NAME)],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_busy_register_times_out_with_exit_3(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, SITE).read_bytes()
    holder = _hold_lock(root)
    try:
        started = time.monotonic()
        writer = _record_activity(root, "X", ROPCLI_LOCK_TIMEOUT="0.5")
        stdout, stderr = writer.communicate(timeout=60)
        assert time.monotonic() - started < 30
    finally:
        holder.kill()
        holder.wait()
    assert writer.returncode == 3, stderr
    assert "ждём очереди на запись (не дольше 0.5 с)" in stderr
    assert "реестр занят: за 0.5 с не дошла очередь на запись" in stderr
    assert f"блокировка sites/{LOCK_NAME}" in stderr
    assert stdout == ""  # refused before any diff
    assert site_file(root, SITE).read_bytes() == before

    # The killed holder's lock file holds no lock: the next writer goes ahead and removes it.
    assert _leftovers(root) == [LOCK_NAME]
    after = _record_activity(root, "После сбоя")
    assert after.wait(timeout=60) == 0, after.communicate()[1]
    assert _titles(root)[-1] == "После сбоя"
    assert _leftovers(root) == []


def test_a_bad_lock_timeout_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    writer = _record_activity(root, "X", ROPCLI_LOCK_TIMEOUT="minute")
    assert writer.wait(timeout=60) == 2
    assert "ROPCLI_LOCK_TIMEOUT=minute: нужно число секунд" in writer.communicate()[1]


def test_a_lock_file_left_behind_is_ignored_by_validate(tmp_path: Path, cli: RunCli) -> None:
    root = copy_sample(tmp_path)
    (root / "sites" / LOCK_NAME).write_bytes(b"")
    result = cli("--registry", str(root), "validate")
    assert result.exit_code == 0 and "проверено файлов — 11" in result.stdout


CRASH = """
import os, sys, tempfile
fd, name = tempfile.mkstemp(prefix=sys.argv[1], suffix=".tmp", dir=sys.argv[2])
os.write(fd, b"history:\\n  - event: assig")
print(name, flush=True)
os.kill(os.getpid(), 9)
"""


def _crashed_writer(folder: Path, target: str) -> Path:
    """The temporary file a writer killed in the middle of a write leaves (kill -9)."""
    crash = subprocess.run(
        [sys.executable, "-c", CRASH, f".{target}.", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert crash.returncode != 0
    return Path(crash.stdout.strip())


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next_write(
    tmp_path: Path, cli: RunCli
) -> None:
    root = copy_sample(tmp_path)
    sites = root / "sites"
    stale = _crashed_writer(sites, f"{SITE}.yaml")
    fresh = _crashed_writer(sites, f"{SITE}.yaml")  # a writer that may still be running
    other_site = _crashed_writer(sites, "zhel-cdt.yaml")  # not the file being written
    lookalikes = [
        sites / f".{SITE}.yaml.backup-copy.tmp",  # not our naming
        sites / f"{SITE}.yaml.abcd1234.tmp",  # no leading dot
        sites / f".{SITE}.yaml.abcd1234.tmp.keep",
    ]
    for path in lookalikes:
        path.write_text("мой файл", encoding="utf-8")
    for path in (stale, other_site, *lookalikes):
        _age(path, STALE_AFTER * 3)

    args = ["--date", "2027-03-10", "--kind", "seminar", "--title", "Семинар"]
    result = cli("--registry", str(root), "record", "activity", SITE, *args)
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert fresh.exists() and other_site.exists()
    assert all(path.read_text(encoding="utf-8") == "мой файл" for path in lookalikes)
    assert cli("--registry", str(root), "validate").exit_code == 0
