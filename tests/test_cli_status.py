"""`ropcli status`: the state table (docs/lifecycle.md; JSON: ARCHITECTURE.md, exit codes).

The registry is `cli_support.lifecycle_registry`, real files in `tmp_path`; its states at
2025-09-01 are worked out by hand in that function's docstring.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import typer

from ropcli.cli import app
from ropcli.core.labels import REPORT_STATE_LABELS, STATE_LABELS
from ropcli.lifecycle import REPORT_STATES, STATES
from tests.cli_support import (
    ROOT,
    SAMPLE_REGISTRY,
    check_golden,
    invoke,
    invoke_json,
    lifecycle_registry,
    run_installed,
    write_site,
)

ON = "2025-09-01"
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return lifecycle_registry(tmp_path / "registry")


def test_json_is_exactly_spec(registry: Path) -> None:
    assert invoke_json(registry, "status", "--on", ON) == {
        "as_of": "2025-09-01",
        "sites": [
            {"id": "alpha", "state": "active", "term": 1, "term_start": "2023-06-20",
             "term_end": "2026-06-19", "days_left": 291},
            {"id": "beta", "state": "active", "term": 1, "term_start": "2024-03-01",
             "term_end": "2027-02-28", "days_left": 545},
            {"id": "delta", "state": "submitted", "term": None, "term_start": None,
             "term_end": None, "days_left": None},
            {"id": "gamma", "state": "approved", "term": None, "term_start": None,
             "term_end": None, "days_left": None},
            {"id": "omega", "state": "revoked", "term": 1, "term_start": "2023-06-20",
             "term_end": "2026-06-19", "days_left": None},
        ],
    }  # fmt: skip


def test_ids_select_sites(registry: Path) -> None:
    data = invoke_json(registry, "status", "omega", "alpha", "--on", ON)
    assert [s["id"] for s in data["sites"]] == ["alpha", "omega"]


def test_state_filter_is_repeatable(registry: Path) -> None:
    data = invoke_json(registry, "status", "--on", ON, "--state", "approved", "-s", "revoked")
    assert [(s["id"], s["state"]) for s in data["sites"]] == [
        ("gamma", "approved"),
        ("omega", "revoked"),
    ]


def test_expiring_within_overrides_settings(tmp_path: Path) -> None:
    # alpha ends 2026-06-19: 49 days after 2026-05-01.
    registry = lifecycle_registry(tmp_path, "term:\n  expiring_within_days: 30\n")

    def alpha(*args: str) -> str:
        data = invoke_json(registry, "status", "alpha", "--on", "2026-05-01", *args)
        return str(data["sites"][0]["state"])

    assert alpha() == "active"  # the registry's 30 days
    assert alpha("--expiring-within", "49") == "expiring"
    assert alpha("--expiring-within", "48") == "active"


def test_default_window_is_90_days(registry: Path) -> None:
    data = invoke_json(registry, "status", "--on", "2026-05-01", "--state", "expiring")
    assert [(s["id"], s["days_left"]) for s in data["sites"]] == [("alpha", 49)]


def test_table_is_russian(registry: Path) -> None:
    result = invoke(registry, "status", "--on", ON)
    assert result.exit_code == 0
    out = result.stdout
    assert "Состояние площадок на 01.09.2025" in out
    for header in ("Площадка", "Организация", "Муниципалитет", "Состояние", "Окончание"):
        assert header in out
    assert re.search(r"alpha\s+МБОУ «СОШ № 1»\s+город Курск\s+действует\s+1\s+20\.06\.2023"
                     r"\s+19\.06\.2026\s+291", out)  # fmt: skip
    assert "снят досрочно" in out and "одобрен" in out and "подана заявка" in out
    assert "2023-06-20" not in out  # dates in tables are ДД.ММ.ГГГГ
    assert not ANSI.search(out)  # not a terminal: plain text
    assert all(line == line.rstrip() for line in out.splitlines())


def test_table_marks_expiring(registry: Path) -> None:
    out = invoke(registry, "status", "--on", "2026-05-01", "alpha").stdout
    assert "истекает" in out and "49" in out


def test_every_state_has_a_russian_label() -> None:
    assert set(STATE_LABELS) == set(STATES)
    assert set(REPORT_STATE_LABELS) == set(REPORT_STATES)


def test_csv_for_russian_excel(registry: Path) -> None:
    result = invoke(registry, "status", "--on", ON, "--format", "csv")
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    header = "Площадка;Организация;Муниципалитет;Состояние;Срок;Начало;Окончание;Осталось дней"
    assert raw.decode("utf-8-sig").splitlines()[0] == header
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))[1:]
    assert rows[0] == [
        "alpha", "МБОУ «СОШ № 1»", "город Курск", "действует", "1", "20.06.2023", "19.06.2026",
        "291",
    ]  # fmt: skip
    assert rows[2] == ["delta", "МБОУ «СОШ № 4»", "город Курск", "подана заявка", "", "", "", ""]
    expected = invoke_json(registry, "status", "--on", ON)["sites"]
    assert [r[0] for r in rows] == [s["id"] for s in expected]
    assert [r[3] for r in rows] == [STATE_LABELS[s["state"]] for s in expected]


def test_csv_to_file_and_force(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.csv"
    first = invoke(registry, "status", "--on", ON, "-f", "csv", "--out", str(out))
    assert first.exit_code == 0, first.output
    assert out.read_bytes().startswith("\ufeffПлощадка;".encode())
    out.write_text("старое", encoding="utf-8")
    refused = invoke(registry, "status", "--on", ON, "-f", "csv", "--out", str(out))
    assert refused.exit_code == 3
    assert "уже существует" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "старое"
    forced = invoke(registry, "status", "--on", ON, "-f", "csv", "--out", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_bytes().startswith("\ufeffПлощадка;".encode())


def test_out_path_that_cannot_be_written(registry: Path, tmp_path: Path) -> None:
    missing = tmp_path / "нет-такой-папки" / "status.csv"
    result = invoke(registry, "status", "-f", "csv", "--out", str(missing))
    assert result.exit_code == 3
    assert "нельзя записать" in result.stderr
    assert "Traceback" not in result.output


def test_out_with_table_is_a_usage_error(registry: Path, tmp_path: Path) -> None:
    result = invoke(registry, "status", "--out", str(tmp_path / "x.txt"))
    assert result.exit_code == 2 and "--format" in result.stderr
    table = invoke(registry, "status", "--format", "table", "--out", str(tmp_path / "x.json"))
    assert table.exit_code == 2


def test_out_takes_the_format_from_the_extension(registry: Path, tmp_path: Path) -> None:
    result = invoke(registry, "status", "--on", "2026-09-01", "--out", str(tmp_path / "s.json"))
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "s.json").read_text("utf-8"))["as_of"] == "2026-09-01"


def test_on_accepts_the_documents_date_form(registry: Path) -> None:
    dotted = invoke(registry, "status", "--on", "1.9.2025", "--format", "json")
    iso = invoke(registry, "status", "--on", "2025-09-01", "--format", "json")
    assert dotted.exit_code == iso.exit_code and dotted.stdout == iso.stdout


@pytest.mark.parametrize("value", ["31.09.2025", "2025-02-30", "20250901", "завтра", "9999-12-31"])
def test_bad_on_date_is_a_usage_error(registry: Path, value: str) -> None:
    result = invoke(registry, "status", "--on", value)
    assert result.exit_code == 2
    assert f"«{value}»" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_state_lists_valid_ones(registry: Path) -> None:
    result = invoke(registry, "status", "--state", "actve")
    assert result.exit_code == 2
    assert "«actve»" in result.stderr
    assert all(label in result.stderr for label in STATE_LABELS.values())


@pytest.mark.parametrize("typed", ["expiring", "истекает", "ИСТЕКАЕТ", "  Истекает "])
def test_state_in_russian_or_english(tmp_path: Path, typed: str) -> None:
    registry = lifecycle_registry(tmp_path / "registry")
    data = invoke_json(registry, "status", "--on", "2026-05-01", "--state", typed)
    assert [s["id"] for s in data["sites"]] == ["alpha"]


def test_fail_on_in_russian_with_yo_or_e(registry: Path) -> None:
    for typed in ("истёк,снят досрочно", "истек, Снят Досрочно"):
        result = invoke(registry, "status", "--on", ON, "--fail-on", typed, "-f", "json")
        assert result.exit_code == 1, result.output


def test_unknown_id_is_a_usage_error(registry: Path) -> None:
    result = invoke(registry, "status", "alpah")
    assert result.exit_code == 2
    assert "«alpah»" in result.stderr and "alpha" in result.stderr  # a suggestion


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("expired", 0), ("revoked", 1), ("expired,approved", 1), ("draft, submitted", 1)],
)
def test_fail_on(registry: Path, fail_on: str, code: int) -> None:
    result = invoke(registry, "status", "--on", ON, "--fail-on", fail_on, "-f", "json")
    assert result.exit_code == code


def test_fail_on_ignores_the_display_filter(registry: Path) -> None:
    result = invoke(registry, "status", "--on", ON, "-s", "active", "--fail-on", "revoked")
    assert result.exit_code == 1


def test_fail_on_unknown_state(registry: Path) -> None:
    result = invoke(registry, "status", "--fail-on", "expired,gone")
    assert result.exit_code == 2 and "«gone»" in result.stderr


def test_invalid_files_are_skipped_and_reported(registry: Path) -> None:
    (registry / "sites" / "broken.yaml").write_text("id: [broken\n", encoding="utf-8")
    bad = write_site(registry, "zeta", "", serial=6)
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("schema_version: 1", "schema_version: 7"), encoding="utf-8")
    result = invoke(registry, "status", "--on", ON, "-f", "json")
    assert result.exit_code == 1
    ids = [s["id"] for s in json.loads(result.stdout)["sites"]]
    assert ids == ["alpha", "beta", "delta", "gamma", "omega"]
    lines = result.stderr.splitlines()
    assert lines[0].startswith("ropcli: пропущен sites/broken.yaml:2:1: ошибка синтаксиса YAML")
    assert lines[1].startswith("ropcli: пропущен sites/zeta.yaml:")
    assert "validate" in lines[2] and "--ignore-invalid" in lines[2]
    ignored = invoke(registry, "status", "--on", ON, "-f", "json", "--ignore-invalid")
    assert ignored.exit_code == 0
    assert "sites/broken.yaml" in ignored.stderr


def test_invalid_file_outside_the_selection_does_not_fail(registry: Path) -> None:
    (registry / "sites" / "broken.yaml").write_text("id: [broken\n", encoding="utf-8")
    result = invoke(registry, "status", "alpha", "--on", ON)
    assert result.exit_code == 0 and result.stderr == ""
    assert invoke(registry, "status", "broken", "--on", ON).exit_code == 1


def test_no_registry_cannot_run(tmp_path: Path) -> None:
    assert invoke(tmp_path / "nowhere", "status").exit_code == 3


def test_golden_sample_registry() -> None:
    """The shipped sample registry at two fixed dates (ROPCLI_UPDATE_GOLDEN=1 refreshes)."""
    for on in ("2025-09-01", "2026-09-01"):
        result = invoke(SAMPLE_REGISTRY, "status", "--on", on, "--format", "json")
        assert result.exit_code == 0, result.stderr
        check_golden(f"status-{on}.json", result.stdout)


@pytest.mark.parametrize("command", ["status", "reports", "show"])
def test_every_option_is_documented(command: str) -> None:
    """docs/commands-lifecycle.md must not drift from the commands (ARCHITECTURE.md)."""
    group = typer.main.get_group(app)
    click_command = group.commands[command]
    doc = (ROOT / "docs" / "commands-lifecycle.md").read_text(encoding="utf-8")
    assert f"## `ropcli {command}`" in doc
    assert click_command.help
    for param in click_command.params:
        for name in param.opts:
            if name.startswith("--") and name != "--help":
                assert name in doc, f"{command} {name} is not in docs/commands-lifecycle.md"


def test_installed_command(registry: Path) -> None:
    """The real entry point in a fresh process, as CI runs it."""
    done = run_installed("--registry", str(registry), "status", "--on", ON, "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["as_of"] == ON
