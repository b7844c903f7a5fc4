"""The identifier index read in bulk (docs/performance.md, «What is left»): the same answers
as one lookup a file, never a stale one, and a writer's two checks that verify the register
once.

* `Index.verify` — every stamp of a folder compared in one loop — agrees with `lookup` on
  every file: unchanged, edited in place at the same size with the time put back
  (`touch -r`), replaced by a same-size copy with the old time (`rsync -t`), deleted,
  renamed, swapped for a link, a name that is not UTF-8, a row that does not parse;
* one `Cache` verifies a file's stamp once; a new cache (the next command) sees the change;
* `ropcli new` and `ropcli record` still refuse a write that brings in a duplicate ИНН of a
  file known only through the index;
* the registry-wide rule and `settle`, which now count values before grouping them, give
  exactly the problems the grouping of every file gave.
"""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ropcli.validation.cache import Cache
from ropcli.validation.check import check
from ropcli.validation.check_file import settle
from ropcli.validation.registry import open_registry
from ropcli.validation.rules import SiteSummary, unique_identifiers
from ropcli.validation.stamps import RACY_NS, Entry, Index, stamp_of
from ropcli.yamlio import read_file
from tests.cli_support import invoke, lifecycle_registry, write_site

ON = ("--on", "2025-09-01")


def _noted(folder: Path, names: Sequence[str], db: sqlite3.Connection) -> Index:
    """An index that knows every file in `folder` by its current stamp."""
    index = Index(db)
    for name in names:
        path = folder / name
        stamp = stamp_of(path)
        assert stamp is not None
        index.started_ns = stamp[1] + RACY_NS + 1  # a run long after the files changed
        entry = Entry(f"sites/{name}", "0" * 64, {"/id": name.split(".")[0]}, True, False)
        index.note(path, stamp, entry)
    return index


def _by_lookup(index: Index, items: list[tuple[Path, str]]) -> dict[str, dict[str, Any]]:
    found = {}
    for path, file in items:
        stamp = stamp_of(path)
        entry = index.lookup(path, file, stamp[0]) if stamp else None
        if entry is not None:
            found[file] = entry.values
    return found


def test_verify_agrees_with_lookup_on_every_kind_of_change(tmp_path: Path) -> None:
    folder = tmp_path / "sites"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.yaml")  # not UTF-8: a surrogate in the name
    names = ["same.yaml", "touched.yaml", "synced.yaml", "gone.yaml", "moved.yaml", "linked.yaml"]
    names += ["corrupt.yaml", "trailing.yaml", "ужин.yaml"]
    try:
        (folder / odd).write_bytes(b"id: cafe\n")
        names.append(odd)
    except (OSError, UnicodeEncodeError):  # a file system that refuses such names
        pass
    for name in names:
        if name != odd:
            (folder / name).write_text("id: one\n", encoding="utf-8")
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        index = _noted(folder, names, db)
        key = index.key(folder / "corrupt.yaml")
        index._rows[key] = (*index._rows[key][:3], '{"/id": ', *index._rows[key][4:])
        key = index.key(folder / "trailing.yaml")
        index._rows[key] = (*index._rows[key][:3], '{"/id": "a"} {}', *index._rows[key][4:])

        info = (folder / "touched.yaml").stat()
        with open(folder / "touched.yaml", "r+b") as stream:  # same size, in place
            stream.write(b"id: two\n")
        os.utime(folder / "touched.yaml", ns=(info.st_atime_ns, info.st_mtime_ns))
        info = (folder / "synced.yaml").stat()
        (folder / ".synced.tmp").write_bytes(b"id: two\n")
        os.utime(folder / ".synced.tmp", ns=(info.st_atime_ns, info.st_mtime_ns))
        os.replace(folder / ".synced.tmp", folder / "synced.yaml")
        (folder / "gone.yaml").unlink()
        os.rename(folder / "moved.yaml", folder / "renamed.yaml")
        (folder / "linked.yaml").unlink()
        (folder / "linked.yaml").symlink_to(folder / "same.yaml")

        listed = sorted([*names, "renamed.yaml"])
        items = [(folder / name, f"sites/{name}") for name in listed if name != "moved.yaml"]
        known, unknown = index.verify(items, folder)

        expected = _by_lookup(index, items)
        assert {file: values for _, file, _, values, _, _ in known} == expected
        assert set(expected) == {f"sites/{n}" for n in ("same.yaml", "ужин.yaml")} | (
            {f"sites/{odd}"} if odd in names else set()
        )
        stamps = {file: stamp for _, file, stamp in unknown}
        assert stamps["sites/gone.yaml"] is None and stamps["sites/linked.yaml"] is None
        assert stamps["sites/touched.yaml"] == stamp_of(folder / "touched.yaml")
        assert stamps["sites/renamed.yaml"] == stamp_of(folder / "renamed.yaml")
        assert len(known) + len(unknown) == len(items)


def _registry(root: Path) -> Path:
    root = lifecycle_registry(root)
    write_site(root, "first", serial=11)
    write_site(root, "second", serial=12)
    return root


def _inn(path: Path) -> str:
    document = read_file(path, "x").document
    assert document is not None
    return str(document.data["organization"]["inn"])


def _settled(root: Path) -> None:
    """Every file older than the racy window, and a run that records their stamps."""
    import time

    time.sleep(RACY_NS / 1e9 + 0.2)
    assert invoke(root, "validate").exit_code == 0


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ROPCLI_CACHE_DIR", str(folder))
    return folder


def test_one_cache_verifies_once_and_the_next_command_sees_the_change(
    tmp_path: Path, cache_dir: Path
) -> None:
    """A writer's second check compares with the register as its first check saw it (one
    command, under the register's write lock); the next command reads the change."""
    root = _registry(tmp_path / "reg")
    _settled(root)
    registry = open_registry(root)
    first, second = root / "sites" / "first.yaml", root / "sites" / "second.yaml"
    cache = Cache(cache_dir, registry.settings)
    try:
        before = check(registry, [first], cache=cache, everywhere=True)
        assert before.ok
        info = second.stat()
        with open(second, "r+b") as stream:  # second takes first's ИНН: same size, old time
            stream.write(second.read_bytes().replace(_inn(second).encode(), _inn(first).encode()))
        os.utime(second, ns=(info.st_atime_ns, info.st_mtime_ns))
        again = check(registry, [first], cache=cache, everywhere=True)
        assert again.problems == before.problems  # verified once in this run
    finally:
        cache.close()
    cache = Cache(cache_dir, registry.settings)
    try:
        after = check(registry, [first], cache=cache)
    finally:
        cache.close()
    assert [p.rule for p in after.problems] == ["unique-identifiers"]
    shown = invoke(root, "validate", str(first), "--format", "json")
    assert shown.exit_code == 1 and "unique-identifiers" in shown.stdout


def test_writers_refuse_a_duplicate_known_only_through_the_index(
    tmp_path: Path, cache_dir: Path
) -> None:
    root = _registry(tmp_path / "reg")
    _settled(root)
    inn = _inn(root / "sites" / "second.yaml")
    made = invoke(root, "new", "third", "--inn", inn, "--dry-run")
    assert made.exit_code == 1, made.output
    assert "unique-identifiers" in made.output or "second.yaml" in made.output
    assert not (root / "sites" / "third.yaml").exists()
    fine = invoke(root, "record", "activity", "alpha", "--date", "2025-03-10", "--kind",
                  "lecture", "--title", "Лекция", "--dry-run")  # fmt: skip
    assert fine.exit_code == 0, fine.output


def _grouped(sites: Sequence[SiteSummary]) -> Iterator[tuple[str, str, str, int]]:
    """The rule as it was: every file grouped by value (file, pointer, other, group size)."""
    for pointer in unique_identifiers.KEYS:
        holders: dict[str, list[SiteSummary]] = defaultdict(list)
        for site in sites:
            value = site.values.get(pointer)
            if isinstance(value, str):
                holders[value].append(site)
        for group in holders.values():
            for site in group if len(group) > 1 else ():
                other = next(s for s in group if s is not site)
                yield site.file, pointer, other.file, len(group)


VALUES = st.one_of(
    st.sampled_from(["a", "b", "c", ""]), st.none(), st.integers(0, 2), st.lists(st.just("a"))
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(unique_identifiers.KEYS), VALUES), max_size=12))
def test_counting_first_groups_as_every_file_was_grouped(rows: list[dict[str, Any]]) -> None:
    sites = [SiteSummary(f"sites/s{n}.yaml", Path(f"s{n}.yaml"), row) for n, row in enumerate(rows)]
    for site in sites:  # positions come from the document, which these have none of
        site.__dict__["document"] = _Positions()
    found = [
        (site.file, finding.pointer, finding.message.split(" указан и в ")[1].split(" ")[0])
        for site, finding in unique_identifiers.check_registry(sites)
    ]
    assert found == [(file, pointer, other) for file, pointer, other, _ in _grouped(sites)]


class _Positions:
    def position(self, pointer: str) -> tuple[int, int]:
        return 1, 1


def test_settle_keeps_every_file_when_no_value_is_shared(tmp_path: Path) -> None:
    sites = [
        SiteSummary("sites/a.yaml", tmp_path / "a.yaml", {"/id": "a", "/organization/inn": None}),
        SiteSummary("sites/b.yaml", tmp_path / "b.yaml", {"/id": "b", "/organization/inn": None}),
    ]
    kept, problems = settle(sites, set(), {"sites/a.yaml"})
    assert kept == sites and problems == []
