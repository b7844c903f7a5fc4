"""docs/changing-the-register.md: its table of `ropcli record …` names exactly the options
each command's help shows, and none that the help does not (no earlier spellings)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, RunCli

DOC = (REPO / "docs" / "changing-the-register.md").read_text(encoding="utf-8")
TABLE = DOC[DOC.index("## Все команды `record`") :].split("\n## ", 1)[0]
ROWS = {
    m[1]: m[0].split(" | ")[2:4]
    for m in re.finditer(r"^\| `record ([a-z-]+)` \|.*$", TABLE, flags=re.MULTILINE)
}
OPTION = re.compile(r"--[a-z][a-z-]*")


def _help_options(cli: RunCli, command: str) -> set[str]:
    result = cli("record", command, "--help")
    assert result.exit_code == 0, result.output
    own = result.stdout.split("Параметры:", 1)[1].split("Общие параметры", 1)[0]
    return set(re.findall(r"^\s+(?:-h, )?(--[a-z][a-z-]*)", own, flags=re.MULTILINE))


def test_every_record_command_has_a_row(cli: RunCli) -> None:
    listed = cli("record", "--help").stdout
    commands = set(re.findall(r"^\s+│?\s*([a-z][a-z-]+)\s", listed, flags=re.MULTILINE))
    assert set(ROWS) and set(ROWS) <= commands


@pytest.mark.parametrize("command", sorted(ROWS))
def test_the_row_names_the_options_of_the_help(command: str, cli: RunCli) -> None:
    required, optional = ROWS[command]
    documented = set(OPTION.findall(required)) | set(OPTION.findall(optional))
    assert documented == _help_options(cli, command) - {"--dry-run", "--help"}


@pytest.mark.parametrize("command", ["assign", "extend"])
def test_the_start_of_a_term_is_optional(command: str, cli: RunCli) -> None:
    required, optional = ROWS[command]
    assert "--start" not in required and "--start" in optional
    assert "по умолчанию" in cli("record", command, "--help").stdout.split("--start", 1)[1]
