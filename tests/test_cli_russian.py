"""The command line speaks Russian: help, usage errors and prompts of every command, under an
English locale (LANG=C.UTF-8), carry none of typer's or click's English words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from ropcli.cli import app
from tests.cli_support import lifecycle_registry, run_installed

# What typer and click would print in English: headings, usage, help of --help, the parser's
# errors, the metavars typer makes from Python types.
ENGLISH = (
    "Usage", "Options", "Arguments", "Commands", "Show this message", "[required]", "default:",
    "Error", "Try '", "for help", "No such", "Did you mean", "Possible options", "Missing",
    "Invalid value", "Got unexpected", "requires an argument", "does not take a value",
    "is not a valid", "Aborted", "<str>", "<int>", "<path>", "<date>", "list[", "TEXT",
    "INTEGER", "PATH", "{ID}", "[OPTIONS]", "COMMAND", "[ARGS]", "env var", "required",
)  # fmt: skip
ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "", "NO_COLOR": "1"}


def command_paths(group: typer.core.TyperGroup | None = None) -> Iterator[list[str]]:
    group = group or typer.main.get_command(app)  # type: ignore[assignment]
    assert group is not None
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if command.hidden:
            continue
        yield [name]
        if hasattr(command, "commands"):
            yield from ([name, *sub] for sub in command_paths(command))


PATHS = [" ".join(p) for p in command_paths()]


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV, input=stdin, catch_exceptions=False)


def assert_russian(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English in output: {found}\n{text}"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lifecycle_registry(tmp_path_factory.mktemp("ru") / "registry")


def test_every_command_is_listed() -> None:
    assert {"validate", "status", "record assign", "render", "new", "init"} <= set(PATHS)


@pytest.mark.parametrize("path", ["", *PATHS])
def test_help_in_russian(path: str) -> None:
    result = run(*path.split(), "--help")
    assert result.exit_code == 0, result.output
    assert "Использование: ropcli" in result.output
    assert "Показать эту справку и выйти." in result.output
    assert_russian(result.output)


@pytest.mark.parametrize("path", PATHS)
def test_unknown_option_in_russian(path: str, registry: Path) -> None:
    result = run("--registry", str(registry), *path.split(), "--no-such-thing")
    assert result.exit_code == 2, result.output
    assert "Ошибка: нет такого параметра --no-such-thing" in result.output
    assert_russian(result.output)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["status", "--hlp"], "нет такого параметра --hlp. Может быть, --help?"),
        (["statu"], "нет такой команды «statu». Может быть, «status»?"),
        (["show"], "не указан аргумент ID"),
        (["status", "--on"], "у параметра --on должно быть значение"),
        (["status", "--on", "31.02.2026"], "недопустимое значение --on:"),
        (["status", "--format", "xml"], "недопустимое значение --format/-f:"),
        (["rules", "--format", "--strict"], "недопустимое значение"),
        (["schema", "site", "extra"], "лишний аргумент: extra"),
        (["validate", "--strict=yes"], "параметр --strict пишется без значения"),
        (["record"], "Использование: ropcli record"),
        (["record", "assign"], "не указан аргумент ID"),
        (["record", "report", "alpha", "--term", "два"], "недопустимое значение --term:"),
    ],
)
def test_usage_errors_in_russian(args: list[str], says: str, registry: Path) -> None:
    result = run("--registry", str(registry), *args)
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert_russian(result.output)


def test_ctrl_d_at_a_prompt_is_aborted_in_russian(registry: Path) -> None:
    """A real terminal (a pseudo-terminal as standard input), end of input at the first
    question of an interactive command."""
    terminal = pytest.importorskip("pty", reason="a pseudo-terminal needs a POSIX system")
    master, slave = terminal.openpty()
    command = [sys.executable, "-m", "ropcli", "--registry", str(registry)]
    process = subprocess.Popen(
        [*command, "record", "agreement", "alpha"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **ENV},
    )
    os.close(slave)
    time.sleep(1.5)
    os.write(master, b"\x04")
    out, err = process.communicate(timeout=60)
    os.close(master)
    assert process.returncode == 1, err.decode()
    assert "Прервано." in err.decode()
    assert_russian(out.decode() + err.decode())


def test_rules_severity_in_russian_text_english_json() -> None:
    text = run("rules").output
    assert "ошибка" in text and "предупреждение" in text
    assert " error " not in text and " warning " not in text
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert {r["severity"] for r in rows} == {"error", "warning"}


def test_installed_command_in_russian_under_english_locale(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    done = run_installed("--registry", str(registry), "status", "--bogus")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "Ошибка: нет такого параметра --bogus" in err
    assert_russian(err)
    helped = run_installed("validate", "--help")
    assert helped.returncode == 0
    assert_russian(helped.stdout.decode())
