"""A global option typed after the command without its value: a Russian usage error (exit 2)
naming the option, never the command name taken for its value; with the command's help
asked for, that help."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer._click.exceptions import BadOptionUsage
from typer.testing import CliRunner, Result

from ropcli.cli import app
from ropcli.cli.framework import hoist_globals
from tests.cli_support import lifecycle_registry, run_installed

MISSING = "у параметра {} должно быть значение"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--registry", "reg4", "show", "--cache-dir"], "--cache-dir"),
        (["status", "--registry", "reg2", "--cache-dir"], "--cache-dir"),
        (["status", "--registry"], "--registry"),
        (["-q", "validate", "--registry", "--", "x.yaml"], "--registry"),
        (["show", "alpha", "--no-cache", "--cache-dir"], "--cache-dir"),
    ],
)
def test_a_global_option_without_its_value_is_a_usage_error(args: list[str], option: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert MISSING.format(option) in result.stderr
    assert "нет такой команды" not in result.stderr and "не указана команда" not in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("help_option", ["-h", "--help"])
def test_the_commands_help_wins_over_a_dangling_global_option(help_option: str) -> None:
    result = run("status", help_option, "--registry")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Использование: ropcli status")
    assert run("status", help_option).stdout == result.stdout


def test_hoisting_keeps_the_roots_own_options_and_their_values() -> None:
    assert hoist_globals(["--registry", "reg4", "show", "x", "--cache-dir", "c"]) == [
        "--cache-dir", "c", "--registry", "reg4", "show", "x",
    ]  # fmt: skip
    assert hoist_globals(["--registry", "status", "x"]) == ["--registry", "status", "x"]
    with pytest.raises(BadOptionUsage):
        hoist_globals(["--registry", "reg4", "show", "--cache-dir"])


def test_the_installed_command_says_so_too(tmp_path: Path) -> None:
    registry = lifecycle_registry(tmp_path / "reg")
    done = run_installed("--registry", str(registry), "show", "alpha", "--cache-dir")
    assert done.returncode == 2
    assert MISSING.format("--cache-dir") in done.stderr.decode()
