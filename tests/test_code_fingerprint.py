"""The digest of ropcli's modules kept by their stamps: used while unchanged, never stale."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from ropcli.core.settings import Settings
from ropcli.validation.cache import Cache, code_files, fingerprint
from ropcli.validation.codestamp import code_digest, read_digest
from ropcli.validation.stamps import RACY_NS, TRUSTED

pytestmark = pytest.mark.skipif(not TRUSTED, reason="stamps are kept only on POSIX")

LATER = 3 * 10**9  # a run that begins this long after the files were copied


def copied(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "package"
    folder.mkdir()
    files = []
    for number, source in enumerate(code_files()):
        copy = folder / f"{number:03}-{source.name}"
        shutil.copyfile(source, copy)
        files.append(copy)
    return files


def kept_run(files: list[Path], keep: Path) -> str:
    return code_digest(files, keep, now_ns=time.time_ns() + LATER)


def settle() -> None:
    time.sleep(0.05)  # past the kernel's coarse clock tick: the next change has a later ctime


def test_kept_digest_is_the_read_digest_and_is_used(tmp_path: Path) -> None:
    files, keep = copied(tmp_path), tmp_path / "code.json"
    first = kept_run(files, keep)
    assert first == read_digest(files)
    kept = json.loads(keep.read_text("utf-8"))
    assert list(kept.values()) == [first]
    # The second run answers from the kept file: it does not read the modules.
    keep.write_text(json.dumps(dict.fromkeys(kept, "f" * 32)), "utf-8")
    assert kept_run(files, keep) == "f" * 32


def test_same_size_edit_with_restored_mtime_changes_the_digest(tmp_path: Path) -> None:
    files, keep = copied(tmp_path), tmp_path / "code.json"
    before = kept_run(files, keep)
    settle()
    module = next(f for f in files if f.name.endswith("cache.py"))
    info = module.stat()
    text = module.read_bytes()
    edited = text.replace(b"BATCH = 200", b"BATCH = 201", 1)
    assert edited != text and len(edited) == len(text)
    module.write_bytes(edited)
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))  # touch -r
    assert module.stat().st_mtime_ns == info.st_mtime_ns
    after = kept_run(files, keep)
    assert after != before
    assert after == read_digest(files)


def test_replaced_by_rename_as_rsync_does_changes_the_digest(tmp_path: Path) -> None:
    files, keep = copied(tmp_path), tmp_path / "code.json"
    before = kept_run(files, keep)
    module = next(f for f in files if f.name.endswith("cache.py"))
    info = module.stat()
    new = module.with_name(".tmp-new")
    new.write_bytes(module.read_bytes().replace(b"BATCH = 200", b"BATCH = 202", 1))
    os.utime(new, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(new, module)  # rsync -t: a new inode, the same size and mtime
    assert module.stat().st_mtime_ns == info.st_mtime_ns
    assert kept_run(files, keep) == read_digest(files) != before


def test_added_or_removed_module_changes_the_digest(tmp_path: Path) -> None:
    files, keep = copied(tmp_path), tmp_path / "code.json"
    before = kept_run(files, keep)
    extra = files[0].with_name("zzz-new.py")
    extra.write_text("X = 1\n", "utf-8")
    assert kept_run([*files, extra], keep) not in (before, "")
    assert kept_run(files[1:], keep) == read_digest(files[1:]) != before


def test_a_file_changed_just_before_the_run_is_not_kept(tmp_path: Path) -> None:
    files, keep = copied(tmp_path), tmp_path / "code.json"
    assert code_digest(files, keep, now_ns=time.time_ns() + RACY_NS // 2) == read_digest(files)
    assert not keep.exists()


@pytest.mark.parametrize("garbage", ["", "[1, 2]", "{not json", '{"a": 5}', "\udcff"])
def test_a_damaged_kept_file_is_not_used(tmp_path: Path, garbage: str) -> None:
    files, keep = copied(tmp_path), tmp_path / "code.json"
    keep.write_text(garbage, "utf-8", errors="surrogateescape")
    assert kept_run(files, keep) == read_digest(files)
    assert kept_run(files, keep) == read_digest(files)


def test_unwritable_keep_folder_still_gives_the_digest(tmp_path: Path) -> None:
    files = copied(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    assert kept_run(files, blocker / "code.json") == read_digest(files)


def test_fingerprint_with_and_without_keep_agree(tmp_path: Path) -> None:
    settings = Settings()
    plain = fingerprint(settings)
    assert fingerprint(settings, keep=tmp_path / "code.json") == plain
    assert fingerprint(settings, keep=tmp_path / "code.json") == plain
    cache = Cache(tmp_path / "cache", settings)
    assert cache.fingerprint == plain
    cache.close()
