"""Cache rows are checked on read: a row that is broken, made for other bytes, another file
or another ropcli is a miss — the file is checked again — never an error and never a pass."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import write_registry, write_site
from tests.conftest import RunCli


def _registry(root: Path) -> Path:
    registry = write_registry(root)
    write_site(registry, "good", serial=1)
    bad = write_site(registry, "site", serial=2)
    bad.write_text(bad.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    return registry


def _rows(cache: Path) -> list[tuple[str, str]]:
    (database,) = cache.glob("results-*.sqlite")
    with sqlite3.connect(database) as db:
        return list(db.execute("SELECT key, value FROM result"))


def _set(cache: Path, key: str, value: str) -> None:
    (database,) = cache.glob("results-*.sqlite")
    with sqlite3.connect(database) as db:
        db.execute("UPDATE result SET value = ? WHERE key = ?", (value, key))


def _validate(cli: RunCli, registry: Path, cache: Path) -> int:
    result = cli("--registry", str(registry), "validate", "--cache-dir", str(cache))
    assert "Traceback" not in result.output
    return result.exit_code


@pytest.fixture
def primed(cli: RunCli, tmp_path: Path) -> tuple[Path, Path]:
    registry = _registry(tmp_path / "registry")
    cache = tmp_path / "cache"
    assert _validate(cli, registry, cache) == 1
    assert len(_rows(cache)) == 2
    return registry, cache


def _row_of(cache: Path, file: str) -> tuple[str, dict[str, object]]:
    key, value = next((k, v) for k, v in _rows(cache) if k.startswith(file + "\0"))
    return key, json.loads(value)


@pytest.mark.parametrize(
    "value", ["{not json", "[]", "null", '{"problems": 5}', json.dumps({"made_for": 1})]
)
def test_broken_row_is_a_miss(primed: tuple[Path, Path], cli: RunCli, value: str) -> None:
    registry, cache = primed
    key, _ = _row_of(cache, "sites/site.yaml")
    _set(cache, key, value)
    assert _validate(cli, registry, cache) == 1


def test_row_of_another_file_does_not_make_an_invalid_file_pass(
    primed: tuple[Path, Path], cli: RunCli
) -> None:
    registry, cache = primed
    bad_key, _ = _row_of(cache, "sites/site.yaml")
    _, good = _row_of(cache, "sites/good.yaml")
    assert good["problems"] == []
    _set(cache, bad_key, json.dumps(good))  # a clean row, made for other bytes and name
    assert _validate(cli, registry, cache) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("made_for", "0" * 32),  # another ropcli or other settings
        ("digest", "0" * 64),  # other bytes
        ("problems", [{"file": "x", "line": "1"}]),  # a problem of the wrong shape
        ("parsed", "yes"),
    ],
)
def test_row_with_a_wrong_field_is_a_miss(
    primed: tuple[Path, Path], cli: RunCli, field: str, value: object
) -> None:
    registry, cache = primed
    key, row = _row_of(cache, "sites/site.yaml")
    row[field] = value
    if field != "problems":
        row["problems"] = []  # the forged row would say the file is clean
    _set(cache, key, json.dumps(row))
    assert _validate(cli, registry, cache) == 1


def test_whole_row_is_still_used(primed: tuple[Path, Path], cli: RunCli) -> None:
    """The checks above must not turn every row into a miss: a row made for these bytes is
    believed (here it says «clean», and the answer shows the row was read)."""
    registry, cache = primed
    key, row = _row_of(cache, "sites/site.yaml")
    row["problems"] = []
    _set(cache, key, json.dumps(row))
    assert _validate(cli, registry, cache) == 0
