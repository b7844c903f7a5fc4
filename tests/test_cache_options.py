"""`--cache-dir DIR` and `--no-cache` are global options: every command that reads the register
keeps its cache where `--cache-dir` says, or none with `--no-cache`, before or after its name,
and answers exactly as without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ropcli.cli import app
from tests.cli_support import SAMPLE_REGISTRY, lifecycle_registry, run_installed

READERS = {
    "status": ["status", "--on", "2025-09-01"],
    "reports": ["reports", "--all", "--on", "2025-09-01"],
    "show": ["show", "alpha", "--on", "2025-09-01"],
    "render": ["render", "passport", "alpha", "-f", "md", "-o", "-"],
    "record": [
        "record", "activity", "alpha", "--date", "2024-02-01", "--kind", "lecture",
        "--title", "Лекция", "--dry-run",
    ],
    "validate": ["validate"],
    "publish": ["publish", "--on", "2025-09-01", "--out", "{out}", "--force"],
    "remind": ["remind", "--on", "2025-09-01"],
}  # fmt: skip


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cache-options") / "registry"
    return lifecycle_registry(root, (SAMPLE_REGISTRY / "ropcli.yaml").read_text("utf-8"))


def run(registry: Path, tmp_path: Path, name: str, *extra: str, before: bool = False) -> Result:
    args = [a.replace("{out}", str(tmp_path / "site")) for a in READERS[name]]
    args = [*extra, *args] if before else [*args, *extra]
    return CliRunner().invoke(app, ["--registry", str(registry), *args], catch_exceptions=False)


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
@pytest.mark.parametrize("name", list(READERS))
def test_cache_dir_is_where_every_command_keeps_its_cache(
    registry: Path, tmp_path: Path, name: str, before: bool
) -> None:
    environ = dict(os.environ)
    folder = tmp_path / "my cache"
    plain = run(registry, tmp_path, name, "--no-cache")
    cached = run(registry, tmp_path, name, "--cache-dir", str(folder), before=before)
    warm = run(registry, tmp_path, name, "--cache-dir", str(folder), before=before)
    assert files_in(folder), f"{name}: nothing in --cache-dir"
    assert (cached.exit_code, cached.output) == (plain.exit_code, plain.output)
    assert (warm.exit_code, warm.output) == (plain.exit_code, plain.output)
    assert dict(os.environ) == environ  # the options hold for one run only


@pytest.mark.parametrize("name", list(READERS))
def test_no_cache_writes_no_cache(registry: Path, tmp_path: Path, name: str) -> None:
    default = Path(os.environ["ROPCLI_CACHE_DIR"])  # set for each test by conftest.py
    before = files_in(default)
    result = run(registry, tmp_path, name, "--no-cache")
    assert result.exit_code in (0, 1), result.output
    assert files_in(default) == before


def test_installed_status_keeps_its_cache_in_cache_dir(registry: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    done = run_installed("status", "--registry", str(registry), "--cache-dir", str(folder))
    assert done.returncode == 0, done.stderr.decode()
    assert files_in(folder)
    assert "--cache-dir ПАПКА" in run_installed("status", "--help").stdout.decode()
