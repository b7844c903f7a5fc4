"""The command line loads only the command being run; `ropcli --help` loads none.

The table `ropcli.cli.commands.COMMANDS` must name every command a module of `ropcli/cli/`
registers, with the modules that define it and its own line of help, and the light help page
must be the page the real root group prints — so a new command that is not in the table fails
here, not in front of a user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer import _click

from ropcli import __version__
from ropcli.cli import commands, help_page, whole_app
from tests.cli_support import SAMPLE_REGISTRY, run_installed

# What a run of `--help` or `--version` must not import: Typer, the parser, the checker, and
# any command module.
HEAVY = (
    "typer", "click", "rich", "yaml", "jsonschema", "jinja2", "pydantic", "openpyxl",
    "ropcli.cli.app",
    "ropcli.validation.check", *(f"ropcli.cli.{m}" for m in commands.every_module()),
)  # fmt: skip


# Run in a fresh interpreter, so the modules it imports do not join the app of other tests:
# every module of ropcli/cli imported, then each top-level command of the app, the modules
# whose functions make it up, and its line of help.
DISCOVER = """
import importlib, json, pkgutil
from collections import defaultdict
import typer
from typer import _click
import ropcli.cli

for module in pkgutil.iter_modules(ropcli.cli.__path__):
    importlib.import_module("ropcli.cli." + module.name)
from ropcli.cli.app import app

def defined_by(group):
    found = defaultdict(set)
    for info in group.registered_commands:
        name = info.name or info.callback.__name__.lower().replace("_", "-")
        found[name].add(info.callback.__module__.rsplit(".", 1)[-1])
    for info in group.registered_groups:
        for modules in defined_by(info.typer_instance).values():
            found[info.name or info.typer_instance.info.name] |= modules
    return found

root = typer.main.get_command(app)
context = _click.Context(root, info_name="ropcli")
print(json.dumps({
    name: [sorted(modules), root.get_command(context, name).get_short_help_str(10**6)]
    for name, modules in defined_by(app).items()
}))
"""


def real_group() -> Any:
    return typer.main.get_command(whole_app())


def test_the_table_names_every_command_of_every_module() -> None:
    done = subprocess.run([sys.executable, "-c", DISCOVER], capture_output=True, check=True)
    registered = json.loads(done.stdout)
    wrong = [
        f'    "{name}": Command({tuple(modules)!r}, "{help}"),'
        for name, (modules, help) in registered.items()
        if name not in commands.COMMANDS or sorted(commands.COMMANDS[name].modules) != modules
    ]
    assert not wrong, (
        "ropcli.cli.commands.COMMANDS does not know these commands (or their modules); "
        "add or correct these lines:\n" + "\n".join(wrong)
    )
    assert set(commands.COMMANDS) == set(registered), "a command in the table that no module makes"


def test_the_table_has_each_commands_own_line_of_help() -> None:
    group = real_group()
    context = _click.Context(group, info_name="ropcli")
    for name, entry in commands.COMMANDS.items():
        assert entry.help == group.get_command(context, name).get_short_help_str(10**6), name


@pytest.mark.parametrize("width", [40, 50, 61, 72, 78, 80, 100, 140])
def test_the_light_help_is_the_real_help(width: int) -> None:
    group = real_group()
    settings = {**group.context_settings, "terminal_width": width}
    real = group.get_help(_click.Context(group, info_name="ropcli", **settings))
    assert help_page.page(width) == real


@pytest.mark.parametrize("columns", ["60", "120"])
def test_installed_help_is_the_whole_command_lines_help(columns: str) -> None:
    env = {**os.environ, "COLUMNS": columns, "NO_COLOR": "1"}
    whole = subprocess.run(
        [sys.executable, "-c", "from ropcli.cli import app; app(['--help'], prog_name='ropcli')"],
        capture_output=True,
        check=True,
        env=env,
    )
    light = subprocess.run(
        [sys.executable, "-m", "ropcli", "--help"], capture_output=True, check=True, env=env
    )
    assert light.stdout.decode() == whole.stdout.decode()
    listed = light.stdout.decode().split("Команды:")[1]
    for name in commands.COMMANDS:
        assert f"\n  {name} " in listed


def test_installed_help_lists_every_command() -> None:
    done = run_installed("--registry", "nowhere", "-h")
    assert done.returncode == 0
    text = done.stdout.decode()
    assert text.startswith("Использование: ropcli [ПАРАМЕТРЫ] КОМАНДА")
    for name in commands.COMMANDS:
        assert f"\n  {name} " in text.split("Команды:")[1]


def loaded_after(*argv: str) -> tuple[str, list[str]]:
    """Run the entry point with `argv` in a fresh interpreter: its output, and which of the
    heavy modules it imported."""
    code = (
        "import sys, json; sys.argv = ['ropcli', *json.loads(sys.argv[1])]\n"
        "from ropcli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(argv)], capture_output=True, check=True
    )
    *output, modules = done.stdout.decode().splitlines()
    return "\n".join(output), json.loads(modules)


@pytest.mark.parametrize(
    "argv", [["--help"], ["-h"], ["--registry", "reg", "-q", "--help"], ["--version"]]
)
def test_help_and_version_import_no_command(argv: list[str]) -> None:
    output, modules = loaded_after(*argv)
    assert modules == []
    assert ("validate" in output) if argv != ["--version"] else output == f"ropcli {__version__}"


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["rules", "--format", "json"], "checking"),
        (["--registry", str(SAMPLE_REGISTRY), "status", "--format", "json"], "lifecycle"),
        (["show", "--registry", str(SAMPLE_REGISTRY), "--help"], "lifecycle"),
        (["record", "activity", "--help"], "write"),
    ],
)
def test_a_command_imports_only_its_own_module(argv: list[str], module: str) -> None:
    _, modules = loaded_after(*argv)
    commands_loaded = [m.rsplit(".", 1)[-1] for m in modules if m.startswith("ropcli.cli.")]
    expected = {m for c in commands.COMMANDS.values() if module in c.modules for m in c.modules}
    assert set(commands_loaded) - {"app"} == expected
    assert "pydantic" not in modules  # ropcli.cli.typed_values
    assert "openpyxl" not in modules  # only for a workbook


def test_a_typo_imports_every_command_for_its_suggestion() -> None:
    done = run_installed("--registry", "reg", "stauts")
    assert done.returncode == 2
    assert "нет такой команды «stauts». Может быть, «status»?" in done.stderr.decode()


def test_from_ropcli_cli_import_app_is_the_whole_command_line() -> None:
    import ropcli.cli.app as module_or_app  # binds nothing over the name
    from ropcli.cli import app

    assert module_or_app is app
    assert set(real_group().commands) == set(commands.COMMANDS)


def test_global_option_names_are_the_root_groups() -> None:
    group = real_group()
    names = {opt for param in group.params for opt in (*param.opts, *param.secondary_opts)}
    assert set(commands.GLOBAL_OPTIONS) <= names
    assert names - set(commands.GLOBAL_OPTIONS) == {"--version"}
