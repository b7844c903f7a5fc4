"""One cache for every command: the same answers with it, without it and through the
identifier index, and never a stale answer (docs/performance.md).

The index trusts a file's stamp only when the file last changed more than two seconds
before the run (`RACY_NS`); files written by a test are younger, so the tests that reach
the index wait that long once, on real files in tmp_path.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ropcli import lifecycle
from ropcli.core.settings import Settings
from ropcli.lifecycle.summary import summary
from ropcli.validation.stamps import RACY_NS
from ropcli.yamlio import read_file
from tests.cli_support import invoke, lifecycle_registry, run_installed, write_site
from tests.conftest import REPO, SAMPLE_REGISTRY

ON = ("--on", "2025-09-01")


def _generated(root: Path, count: int) -> Path:
    """A register made like the benchmark's, with a broken file and a duplicate ИНН."""
    spec = importlib.util.spec_from_file_location(
        "bench", REPO / "benchmarks" / "validate_speed.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(count, root)
    sites = sorted((root / "sites").glob("*.yaml"))
    sites[3].write_text("id: [broken\n", encoding="utf-8")
    inn = read_file(sites[1], "x").document.data["organization"]["inn"]  # type: ignore[union-attr]
    text = sites[2].read_text(encoding="utf-8")
    old = read_file(sites[2], "x").document.data["organization"]["inn"]  # type: ignore[union-attr]
    sites[2].write_text(text.replace(old, inn, 1), encoding="utf-8")
    return root


def _commands(root: Path) -> list[tuple[str, ...]]:
    ids = sorted(p.stem for p in (root / "sites").glob("*.yaml"))
    return [
        ("status", "--format", "json", *ON),
        ("reports", "--all", "--format", "json", *ON),
        ("show", ids[0], *ON),
        ("show", ids[2], *ON),  # a duplicate ИНН: refused, naming the other file
        ("validate", "--format", "json"),
        ("validate", f"sites/{ids[1]}.yaml", "--format", "json"),
        ("render", "passport", ids[0], "-f", "md", "-o", "-"),
        ("record", "activity", ids[0], "--date", "2027-03-10", "--kind", "lecture",
         "--title", "Лекция", "--dry-run"),
    ]  # fmt: skip


def _answers(root: Path) -> list[tuple[int, str, str]]:
    here = Path.cwd()
    os.chdir(root)  # validate FILE names the file from here
    try:
        results = [invoke(root, *command) for command in _commands(root)]
    finally:
        os.chdir(here)
    return [(r.exit_code, r.stdout, r.stderr) for r in results]


def _settle() -> None:
    """Let every file written so far become older than the racy window."""
    time.sleep(RACY_NS / 1e9 + 0.2)


def _index_rows(cache: Path) -> int:
    total = 0
    for database in cache.glob("results-*.sqlite"):
        with sqlite3.connect(database) as db:
            total += db.execute("SELECT count(*) FROM stamp").fetchone()[0]
    return total


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ROPCLI_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("kind", ["sample", "generated"])
def test_same_answers_without_cache_cold_warm_and_through_the_index(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    root = tmp_path / "registry"
    if kind == "sample":
        shutil.copytree(SAMPLE_REGISTRY, root)
    else:
        _generated(root, 40)
    monkeypatch.setenv("ROPCLI_NO_CACHE", "1")
    plain = _answers(root)
    assert '"state": ' in plain[0][1] and '"due": ' in plain[1][1]  # real answers
    monkeypatch.delenv("ROPCLI_NO_CACHE")
    assert _answers(root) == plain  # cold: the cache is filled
    assert _answers(root) == plain  # warm: read from it
    _settle()
    assert _answers(root) == plain  # stamps recorded now
    assert _index_rows(cache_dir) > 0
    assert _answers(root) == plain  # unchanged files not read at all


def test_lifecycle_gives_the_same_answers_on_the_summary(tmp_path: Path) -> None:
    root = lifecycle_registry(tmp_path / "life")
    settings = Settings()
    files = [*(root / "sites").glob("*.yaml"), *(SAMPLE_REGISTRY / "sites").glob("*.yaml")]
    days = [date(year, month, 1) for year in range(2022, 2031) for month in (1, 4, 7, 10)]
    functions: list[Callable[..., object]] = [
        lambda d, on: lifecycle.site_status(d, settings, on),
        lambda d, on: lifecycle.required_reports(d, settings, on),
        lambda d, on: lifecycle.terms(d, on),
        lambda d, on: lifecycle.revocation(d, on),
    ]
    for path in files:
        document = read_file(path, path.name).document
        assert document is not None
        short = summary(document.data)
        assert len(str(short)) < len(str(document.data))
        for on in days:
            for function in functions:
                assert function(short, on) == function(document.data, on), (path.name, on)


def _warm_index(root: Path) -> None:
    """Files older than the racy window, then a run that records their stamps."""
    _settle()
    assert invoke(root, "validate").exit_code == 0


def _duplicate_inn(root: Path, cache_dir: Path) -> tuple[Path, Path, str, str]:
    first = write_site(root, "first", serial=11)
    second = write_site(root, "second", serial=12)
    inn_first = read_file(first, "x").document.data["organization"]["inn"]  # type: ignore[union-attr]
    inn_second = read_file(second, "x").document.data["organization"]["inn"]  # type: ignore[union-attr]
    assert len(inn_first) == len(inn_second)
    return first, second, inn_first, inn_second


def _sees_duplicate(root: Path) -> bool:
    result = invoke(root, "validate", str(root / "sites" / "first.yaml"), "--format", "json")
    return result.exit_code == 1 and "unique-identifiers" in result.stdout


@pytest.mark.parametrize("how", ["in-place", "touch-r", "rsync-t"])
def test_an_edit_that_keeps_size_and_mtime_is_seen(
    tmp_path: Path, cache_dir: Path, how: str
) -> None:
    """`validate first.yaml` compares with second.yaml through the index; second.yaml is
    then given first's ИНН by a same-size edit whose modification time is put back."""
    root = lifecycle_registry(tmp_path / "reg")
    _, second, inn_first, inn_second = _duplicate_inn(root, cache_dir)
    _warm_index(root)
    assert not _sees_duplicate(root)
    assert _index_rows(cache_dir) >= 7
    info = second.stat()
    content = second.read_bytes().replace(inn_second.encode(), inn_first.encode())
    if how == "rsync-t":  # a new file with the old time, renamed over the old one
        temporary = second.with_name(".second.yaml.tmp")
        temporary.write_bytes(content)
        os.utime(temporary, ns=(info.st_atime_ns, info.st_mtime_ns))
        os.replace(temporary, second)
    else:
        with open(second, "r+b") as stream:  # in place: same inode, same size
            stream.write(content)
        if how == "touch-r":
            os.utime(second, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = second.stat()
    assert after.st_size == info.st_size
    assert how == "in-place" or after.st_mtime_ns == info.st_mtime_ns
    assert _sees_duplicate(root)
    shown = invoke(root, "show", "second", *ON)
    assert shown.exit_code == 1 and "unique-identifiers" not in shown.stdout  # refused
    assert "first.yaml" in shown.stderr


def test_a_file_changed_within_the_racy_window_is_read_again(
    tmp_path: Path, cache_dir: Path
) -> None:
    """A file read in the same clock tick as it was written has no trusted stamp, so a
    later edit that keeps size and time is still seen."""
    root = lifecycle_registry(tmp_path / "reg")
    _, second, inn_first, inn_second = _duplicate_inn(root, cache_dir)
    assert not _sees_duplicate(root)  # read at once: the stamps are racy, none kept
    info = second.stat()
    with open(second, "r+b") as stream:
        stream.write(second.read_bytes().replace(inn_second.encode(), inn_first.encode()))
    os.utime(second, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert _sees_duplicate(root)


def test_show_reads_a_changed_site_not_its_cached_data(tmp_path: Path, cache_dir: Path) -> None:
    root = lifecycle_registry(tmp_path / "reg")
    _warm_index(root)
    assert "МБОУ «СОШ № 1»" in invoke(root, "show", "alpha", *ON).stdout
    path = root / "sites" / "alpha.yaml"
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("СОШ № 1»", "СОШ № 7»"), "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert "МБОУ «СОШ № 7»" in invoke(root, "show", "alpha", *ON).stdout
    status = invoke(root, "status", "--format", "json", *ON)
    assert status.exit_code == 0


def test_record_checks_the_new_bytes_without_copying_the_register(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No scratch folder is made; a write that would add an error is still refused."""
    root = lifecycle_registry(tmp_path / "reg")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    args = ("record", "activity", "alpha", "--date", "2025-03-10", "--kind", "lecture")
    done = invoke(root, *args, "--title", "Лекция", "--dry-run")
    assert done.exit_code == 0, done.output
    assert list(scratch.iterdir()) == []
    refused = invoke(root, "record", "report", "alpha", "--kind", "annual", "--year", "9",
                     "--submitted", "2025-08-01", "--dry-run")  # fmt: skip
    assert refused.exit_code in (1, 2)
    assert list(scratch.iterdir()) == []


def test_installed_show_uses_the_cache_and_no_cache_turns_it_off(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = lifecycle_registry(tmp_path / "reg")
    first = run_installed("--registry", str(root), "show", "alpha", *ON)
    assert first.returncode == 0, first.stderr.decode()
    assert list(cache_dir.glob("results-*.sqlite"))
    other = tmp_path / "other-cache"
    monkeypatch.setenv("ROPCLI_CACHE_DIR", str(other))
    monkeypatch.setenv("ROPCLI_NO_CACHE", "1")
    second = run_installed("--registry", str(root), "show", "alpha", *ON)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert not other.exists()


def test_the_index_keeps_no_racy_stamp_and_answers_only_for_the_same_stamp(
    tmp_path: Path,
) -> None:
    from ropcli.validation.stamps import Entry, Index, stamp_of

    path = tmp_path / "site.yaml"
    path.write_text("id: site\n", encoding="utf-8")
    stamp = stamp_of(path)
    assert stamp is not None
    entry = Entry("sites/site.yaml", "0" * 64, {"/id": "site"}, True, False)
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        index = Index(db)
        index.note(path, stamp, entry)  # changed just now: racy
        assert index.lookup(path, entry.file, stamp[0]) is None
        index.started_ns = stamp[1] + RACY_NS + 1  # a run that began long after the change
        index.note(path, stamp, entry)
        assert index.lookup(path, entry.file, stamp[0]) == entry
        assert index.lookup(path, "sites/other.yaml", stamp[0]) is None
        assert index.lookup(path, entry.file, stamp[0] + "x") is None
        index.flush()
        again = Index(db)
        assert again.lookup(path, entry.file, stamp[0]) == entry


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab./"), max_size=12))
def test_absolute_path_is_abspath(text: str) -> None:
    from ropcli.validation.registry import absolute_path

    assert absolute_path(text) == os.path.abspath(text)  # type: ignore[arg-type]
    assert absolute_path(Path(text or ".")) == os.path.abspath(Path(text or "."))


def test_record_refuses_to_grow_a_file_over_the_size_limit(tmp_path: Path) -> None:
    """The new bytes are checked in memory, but with the limit reading them would apply."""
    from ropcli.yamlio.files import MAX_FILE_BYTES

    root = lifecycle_registry(tmp_path / "reg")
    path = root / "sites" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    padding = MAX_FILE_BYTES - len(text.encode("utf-8")) - 20
    path.write_text("#" + "x" * (padding - 2) + "\n" + text, encoding="utf-8")
    assert invoke(root, "validate").exit_code == 0  # just under the limit
    before = path.read_bytes()
    args = ("record", "activity", "alpha", "--date", "2025-03-10", "--kind", "lecture")
    refused = invoke(root, *args, "--title", "Лекция для кураторов")
    assert refused.exit_code == 1, refused.output
    assert "file-size" in refused.output
    assert path.read_bytes() == before
