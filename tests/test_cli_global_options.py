"""Global options before or after the command name, and `validate PATH` finding the registry
the path belongs to."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ropcli.cli import app
from ropcli.cli.framework import hoist_globals
from tests.cli_support import SAMPLE_REGISTRY, lifecycle_registry, run_installed

ON = "2025-09-01"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return lifecycle_registry(tmp_path / "reg")


def test_hoisting_moves_only_what_follows_the_command() -> None:
    assert hoist_globals(["validate", "--registry", "r", "-q"]) == [
        "--registry", "r", "-q", "validate",
    ]  # fmt: skip
    assert hoist_globals(["--registry=r", "status", "--no-color", "--on", ON]) == [
        "--no-color", "--registry=r", "status", "--on", ON,
    ]  # fmt: skip
    # After `--` everything is an argument.
    assert hoist_globals(["validate", "--", "-q"]) == ["validate", "--", "-q"]


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--on", ON, "--format", "json"],
        ["reports", "--on", ON, "--format", "json", "--all"],
        ["show", "alpha", "--on", ON],
        ["validate", "--format", "json"],
    ],
)
def test_registry_after_the_command_is_the_same(registry: Path, args: list[str]) -> None:
    before = run("--registry", str(registry), *args)
    after = run(*args, "--registry", str(registry))
    inline = run(*args[:1], f"--registry={registry}", *args[1:])
    assert before.exit_code == after.exit_code == inline.exit_code == 0, after.output
    assert before.stdout == after.stdout == inline.stdout


def test_quiet_and_no_color_after_the_command(registry: Path) -> None:
    loud = run("--registry", str(registry), "validate")
    assert "Всё в порядке" in loud.stdout
    for args in (["validate", "-q"], ["validate", "--quiet", "--no-color"]):
        quiet = run("--registry", str(registry), *args)
        assert quiet.exit_code == 0
        assert quiet.stdout == ""


def test_validate_path_finds_its_registry(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(tmp_path)  # no ropcli.yaml here or above, no ./registry
    whole = run("validate", "reg")
    assert whole.exit_code == 0, whole.output
    assert "проверено файлов — 5" in whole.stdout
    one = run("validate", "reg/sites/alpha.yaml", "--format", "json")
    assert one.exit_code == 0, one.output
    monkeypatch.chdir(elsewhere)
    relative = run("validate", "../reg/sites/beta.yaml")
    assert relative.exit_code == 0, relative.output
    # A path outside any registry: the usual search, which finds nothing here (exit 3).
    nowhere = run("validate", str(elsewhere))
    assert nowhere.exit_code == 3


def test_validate_path_reports_problems_of_that_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = shutil.copytree(SAMPLE_REGISTRY, tmp_path / "копия")
    site = copy / "sites" / "kursk-sosh-5.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("inn: ", "inn: 1", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "копия/sites/kursk-sosh-5.yaml")
    assert result.exit_code == 1
    assert "sites/kursk-sosh-5.yaml" in result.stdout


def test_installed_command_takes_options_after_the_name(registry: Path) -> None:
    done = run_installed("status", "--on", ON, "--registry", str(registry), "-q")
    assert done.returncode == 0, done.stderr.decode()
    assert "alpha" in done.stdout.decode()
    assert "Площадок —" not in done.stdout.decode()  # -q: no tally line
