"""`record assign|extend|revoke` and `render order-assign|order-extend|order-revoke` speak one
vocabulary of options, with the same defaults; the earlier spellings still work, hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner, Result

from ropcli.cli import app
from ropcli.cli.render import ONLY_FOR
from tests.write_support import copy_sample, site_file

PAIRS = [("assign", "order-assign"), ("extend", "order-extend"), ("revoke", "order-revoke")]
# What only a record takes: where the file goes (--dry-run) and a term given by its last day.
RECORD_ONLY = {"--dry-run", "--end"}


def visible_options(command: typer.core.TyperCommand) -> set[str]:
    return {
        name
        for param in command.params
        if param.param_type_name == "option" and not getattr(param, "hidden", False)
        for name in param.opts
        if name.startswith("--")
    }


def commands() -> tuple[typer.core.TyperGroup, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    return group.commands["record"], group.commands["render"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("record", "document"), PAIRS)
def test_record_and_render_take_the_same_options(record: str, document: str) -> None:
    record_group, render = commands()
    recorded = visible_options(record_group.commands[record]) - RECORD_ONLY  # type: ignore[attr-defined]
    rendered = {o for o in visible_options(render) if document in ONLY_FOR.get(o, ())}
    assert recorded == rendered


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--registry", str(root), *args], catch_exceptions=False)


def history_of(root: Path, site: str) -> list[dict[str, object]]:
    data = yaml.safe_load(site_file(root, site).read_bytes())
    return list(data["history"])


def test_assign_starts_on_the_order_date_by_default(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)  # medven-sosh-1: approved, no order yet
    result = run(root, "record", "assign", "medven-sosh-1", "--order-number", "1-900",
                 "--order-date", "2026-12-03")  # fmt: skip
    assert result.exit_code == 0, result.output
    event = history_of(root, "medven-sosh-1")[-1]
    assert event["order"] == {"number": "1-900", "date": yaml.safe_load("2026-12-03")}
    assert event["term"]["start"] == yaml.safe_load("2026-12-03")  # type: ignore[index]


def test_earlier_spellings_still_work_and_are_hidden(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    old = ["--order", "1-77", "--order-date", "2027-02-01", "--date", "2027-02-05",
           "--agreed-expert", "2027-01-20", "--agreed-center", "2027-01-25"]  # fmt: skip
    new = ["--order-number", "1-77", "--order-date", "2027-02-01", "--effective", "2027-02-05",
           "--agreed-commission", "2027-01-20", "--agreed-center", "2027-01-25"]  # fmt: skip
    reason = ["--reason", "no_conditions", "--dry-run"]
    before = run(root, "record", "revoke", "kursk-sosh-5", *old, *reason)
    after = run(root, "record", "revoke", "kursk-sosh-5", *new, *reason)
    assert before.exit_code == after.exit_code == 0, before.output
    assert before.stdout == after.stdout and 'number: "1-77"' in after.stdout
    helped = run(root, "record", "revoke", "--help").stdout
    assert "--order-number" in helped and "--agreed-commission" in helped
    for hidden in ("--order ", "--date", "--agreed-expert"):
        assert hidden not in helped


def test_interactive_assign_offers_the_order_date_as_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropcli.cli import write_options

    root = copy_sample(tmp_path)
    monkeypatch.setattr(write_options, "interactive", lambda: True)  # stdin is not a tty here
    result = CliRunner().invoke(
        app,
        ["--registry", str(root), "record", "assign", "medven-sosh-1"],
        input="1-901\n03.12.2026\n\n",  # Enter at «Начало срока [03.12.2026]»
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Начало срока [03.12.2026]" in result.output
    event = history_of(root, "medven-sosh-1")[-1]
    assert event["term"]["start"] == yaml.safe_load("2026-12-03")  # type: ignore[index]
