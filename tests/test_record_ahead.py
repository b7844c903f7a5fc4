"""`ropcli record` with a date after today: written as given, with a warning (exit 0); and
`ropcli show` names an order whose term has not started yet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ropcli.core.dates import short
from tests.cli_support import run_installed
from tests.conftest import RunCli
from tests.write_support import copy_sample

TODAY = dt.date.today()


def test_an_order_dated_ahead_is_written_with_a_warning_and_shown(
    tmp_path: Path, cli: RunCli
) -> None:
    root = copy_sample(tmp_path)
    signed = TODAY + dt.timedelta(days=16)
    result = cli(
        "--registry", str(root), "record", "assign", "medven-sosh-1",
        "--order-number", "1-999", "--order-date", signed.isoformat(),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        f"ropcli: внимание: дата приказа {short(signed)} — позже сегодняшнего дня "
        f"({short(TODAY)}); записано как указано" in result.stderr
    )
    assert 'order: {number: "1-999"' in (root / "sites" / "medven-sosh-1.yaml").read_text(
        encoding="utf-8"
    )
    shown = cli("--registry", str(root), "show", "medven-sosh-1")
    assert shown.exit_code == 0, shown.output
    end = signed.replace(year=signed.year + 3) - dt.timedelta(days=1)
    assert (
        f"Впереди: приказ № 1-999 от {short(signed)} (присвоение) — статус с {short(signed)} "
        f"по {short(end)}" in " ".join(shown.stdout.split())
    )


def test_a_date_up_to_today_brings_no_warning(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    conclusion = ["record", "conclusion", "kursky-seym-sosh", "--protocol", "7", "--decision"]
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    ahead = run_installed(
        "--registry", str(root), *conclusion, "approved", "--dry-run", "--date", tomorrow
    )
    assert ahead.returncode == 0, ahead.stderr.decode()
    assert "ropcli: внимание: дата заключения" in ahead.stderr.decode()
    done = run_installed("--registry", str(root), *conclusion, "approved", "--date", str(TODAY))
    assert done.returncode == 0, done.stderr.decode()
    assert "внимание" not in done.stderr.decode()
