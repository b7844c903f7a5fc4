"""Corrections (`corrections:`, `ropcli record correction`): the file keeps what was first
recorded, every command sees the corrected value, a correction may be corrected, a bad one
is a validation error, and `diff --base` accepts appending one but not rewriting it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ropcli.validation.corrections import effective
from tests.cli_support import invoke, run_installed
from tests.conftest import SITE_TEXT, MakeRegistry, RunCli
from tests.test_diff import commit_registry
from tests.write_support import added_lines, copy_sample, site_file

# kursk-sosh-12: the year 1 report was recorded as submitted on 14.04.2025 (due 30.03.2025).
FIX = ["--pointer", "/reports/0/submitted", "--value", "2025-03-20", "--date", "2026-09-02"]
REASON = ["--reason", "дата перепутана при записи: по журналу центра 20.03.2025"]


def year_one(root: Path, on: str = "2026-09-01") -> dict[str, Any]:
    result = invoke(root, "reports", "kursk-sosh-12", "--on", on, "--all", "--format", "json")
    assert result.exit_code == 0, result.output
    reports: list[dict[str, Any]] = json.loads(result.stdout)["reports"]
    return next(r for r in reports if r["kind"] == "annual" and r["year"] == 1)


def test_record_correction_appends_and_every_command_sees_the_value(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    assert year_one(root)["state"] == "late"
    before = site_file(root, "kursk-sosh-12").read_bytes()
    result = invoke(root, "record", "correction", "kursk-sosh-12", *FIX, *REASON)
    assert result.exit_code == 0, result.output
    after = site_file(root, "kursk-sosh-12").read_bytes()
    assert added_lines(before, after) == [
        "\n",
        "corrections:\n",
        "  - {date: 2026-09-02, pointer: /reports/0/submitted, value: 2025-03-20, reason: "
        '"дата перепутана при записи: по журналу центра 20.03.2025"}\n',
    ]
    assert "submitted: 2025-04-14" in after.decode()  # what was recorded stays
    assert year_one(root) == {**year_one(root), "state": "ok", "submitted": "2025-03-20"}
    assert invoke(root, "validate", "--strict").exit_code == 0
    shown = invoke(root, "show", "kursk-sosh-12", "--on", "2026-09-01")
    assert shown.exit_code == 0 and "20.03.2025" in shown.output


def test_a_correction_of_a_correction_wins(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    assert invoke(root, "record", "correction", "kursk-sosh-12", *FIX, *REASON).exit_code == 0
    again = ["--pointer", "/corrections/0/value", "--value", "25.03.2025", "--reason", "сверено"]
    result = invoke(root, "record", "correction", "kursk-sosh-12", *again, "--date", "2026-09-03")
    assert result.exit_code == 0, result.output
    assert "value: 2025-03-25" in site_file(root, "kursk-sosh-12").read_text("utf-8")
    assert year_one(root)["submitted"] == "2025-03-25"


def test_a_corrected_term_moves_the_status(tmp_path: Path) -> None:
    """status, reports and the order drafts all count from the corrected start."""
    root = copy_sample(tmp_path)
    args = ["--pointer", "/history/0/term/start", "--value", "2024-03-01", "--reason", "приказ"]
    result = invoke(root, "record", "correction", "kursk-sosh-12", *args, "--date", "2026-09-02")
    assert result.exit_code == 0, result.output
    status = invoke(root, "status", "--on", "2026-09-01", "--format", "json")
    site = next(s for s in json.loads(status.stdout)["sites"] if s["id"] == "kursk-sosh-12")
    assert (site["term_start"], site["term_end"]) == ("2024-03-01", "2027-02-28")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--pointer", "/reports/7/submitted", "--value", "2025-03-20"], "в файле нет значения"),
        (["--pointer", "reports/0", "--value", "2025-03-20"], "в файле нет значения"),
        (["--pointer", "/reports/0/submitted", "--value", "двадцатое"], "записана дата"),
        (["--pointer", "/reports/0/term", "--value", "первый"], "не число"),
        (["--pointer", "/reports/0", "--value", "x"], "не одно значение"),
    ],
)
def test_record_correction_refusals(tmp_path: Path, args: list[str], words: str) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, "kursk-sosh-12").read_bytes()
    result = invoke(root, "record", "correction", "kursk-sosh-12", *args, "--reason", "x")
    assert result.exit_code == 1, result.output
    assert words in result.output
    assert site_file(root, "kursk-sosh-12").read_bytes() == before


BAD = """
corrections:
  - {date: 2026-09-01, pointer: /reports/0/submitted, value: 2024-07-09, reason: верно}
  - {date: 2026-09-01, pointer: /reports/9/submitted, value: 2024-07-09, reason: нет такого}
  - {date: 2026-09-01, pointer: /reports/1/submitted, value: девятое, reason: не дата}
  - {date: 2026-09-01, pointer: /reports/1/term, value: "1", reason: не число}
  - {date: 2026-09-01, pointer: /corrections/9/value, value: 2024-07-09, reason: позже}
  - {date: 2026-09-01, pointer: /organization/inn, value: "4632000010", reason: ИНН}
"""


def test_bad_corrections_are_validation_errors(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = make_registry({"site.yaml": SITE_TEXT + BAD})
    result = cli("--registry", str(root), "validate", "--format", "json")
    assert result.exit_code == 1
    found = [(p["rule"], p["line"], p["pointer"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [
        ("correction", 164, "/corrections/1/pointer"),
        ("correction", 165, "/corrections/2/value"),
        ("correction", 166, "/corrections/3/value"),
        ("correction", 167, "/corrections/4/pointer"),
        ("correction", 168, "/corrections/5/pointer"),
    ]


def test_effective_data_leaves_the_file_data_alone() -> None:
    raw = {
        "reports": [{"submitted": "2024-07-08"}],
        "corrections": [
            {"date": "2026-01-01", "pointer": "/reports/0/submitted", "value": "2024-07-09"},
            {"date": "2026-01-02", "pointer": "/corrections/0/value", "value": "2024-07-10"},
            {"date": "2026-01-03", "pointer": "/corrections/1/value", "value": "2024-07-11"},
        ],
    }
    data = effective(raw)
    assert data["reports"][0]["submitted"] == "2024-07-11"  # the end of the chain
    assert raw["reports"][0]["submitted"] == "2024-07-08"
    plain = {"reports": []}
    assert effective(plain) is plain


CORRECTION = (
    "\ncorrections:\n"
    "  - {date: 2026-09-01, pointer: /reports/0/submitted, value: 2024-07-09, reason: опечатка}\n"
)


def _committed(make_registry: MakeRegistry, text: str) -> Path:
    return commit_registry(make_registry({"site.yaml": text}))


def _diff(cli: RunCli, root: Path) -> tuple[int, list[tuple[str, str]]]:
    result = cli("--registry", str(root), "diff", "--base", "HEAD", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    return result.exit_code, [(p["rule"], p["pointer"]) for p in problems]


def test_diff_accepts_appending_a_correction(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = _committed(make_registry, SITE_TEXT)
    (root / "sites" / "site.yaml").write_text(SITE_TEXT + CORRECTION, encoding="utf-8")
    assert _diff(cli, root) == (0, [])


def test_diff_refuses_rewriting_a_correction(make_registry: MakeRegistry, cli: RunCli) -> None:
    root = _committed(make_registry, SITE_TEXT + CORRECTION)
    changed = SITE_TEXT + CORRECTION.replace("value: 2024-07-09", "value: 2024-07-10")
    (root / "sites" / "site.yaml").write_text(changed, encoding="utf-8")
    assert _diff(cli, root) == (1, [("append-only", "/corrections/0/value")])


def test_installed_ropcli_records_a_correction(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    args = ["record", "correction", "kursk-sosh-12", *FIX, *REASON]
    done = run_installed("--registry", str(root), *args)
    assert done.returncode == 0, done.stderr.decode()
    assert "pointer: /reports/0/submitted" in site_file(root, "kursk-sosh-12").read_text("utf-8")
