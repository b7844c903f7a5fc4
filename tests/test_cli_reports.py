"""`ropcli reports`: required reports at D, JSON/CSV/ICS, `--fail-on` (docs/lifecycle.md,
ARCHITECTURE.md).

The registry is `cli_support.lifecycle_registry`; at 2025-09-01 alpha's annual report for
year 2 is late, beta's annual report for year 1 is missing, the rest is ok or upcoming.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from ropcli.core.labels import REPORT_STATE_LABELS
from tests.cli_support import (
    SAMPLE_REGISTRY,
    check_golden,
    invoke,
    invoke_json,
    lifecycle_registry,
    run_installed,
)

ON = "2025-09-01"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return lifecycle_registry(tmp_path / "registry")


def _rows(data: dict[str, list[dict[str, object]]]) -> list[tuple[object, ...]]:
    return [(r["site"], r["kind"], r["year"], r["state"]) for r in data["reports"]]


def test_default_lists_what_needs_attention(registry: Path) -> None:
    assert invoke_json(registry, "reports", "--on", ON) == {
        "as_of": "2025-09-01",
        "reports": [
            {"site": "alpha", "kind": "annual", "term": 1, "year": 2,
             "period_end": "2025-06-19", "due": "2025-07-19", "state": "late",
             "submitted": "2025-08-01", "agreed": "2025-07-30"},
            {"site": "beta", "kind": "annual", "term": 1, "year": 1,
             "period_end": "2025-02-28", "due": "2025-03-30", "state": "missing",
             "submitted": None, "agreed": None},
        ],
    }  # fmt: skip


def test_all_adds_ok_and_upcoming_and_stops_at_revocation(registry: Path) -> None:
    assert _rows(invoke_json(registry, "reports", "--on", ON, "--all")) == [
        ("alpha", "annual", 1, "ok"),
        ("alpha", "annual", 2, "late"),
        ("alpha", "final", None, "upcoming"),
        ("beta", "annual", 1, "missing"),
        ("beta", "annual", 2, "upcoming"),
        ("beta", "final", None, "upcoming"),
        ("omega", "annual", 1, "ok"),  # revoked 2024-09-10: nothing after is required
    ]


def test_state_filter_and_ids(registry: Path) -> None:
    data = invoke_json(registry, "reports", "alpha", "--on", ON, "-s", "ok", "-s", "upcoming")
    assert _rows(data) == [("alpha", "annual", 1, "ok"), ("alpha", "final", None, "upcoming")]


def test_reports_submitted_after_d_do_not_exist_yet(registry: Path) -> None:
    data = invoke_json(registry, "reports", "alpha", "--on", "2025-07-25")
    assert _rows(data) == [("alpha", "annual", 2, "missing")]


def test_settings_change_the_due_dates(tmp_path: Path) -> None:
    registry = lifecycle_registry(tmp_path, "reports:\n  annual_due_days: 60\n")
    data = invoke_json(registry, "reports", "alpha", "beta", "--on", ON, "--all")
    annual = {(r["site"], r["year"]): r for r in data["reports"] if r["kind"] == "annual"}
    assert annual["alpha", 2]["due"] == "2025-08-18"
    assert annual["alpha", 2]["state"] == "ok"  # submitted 2025-08-01: in time now
    assert annual["beta", 1]["due"] == "2025-04-29"


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("missing,late", 1), ("missing", 1), ("late", 1), ("due", 0), ("unagreed,due", 0)],
)
def test_fail_on_exit_codes(registry: Path, fail_on: str, code: int) -> None:
    result = invoke(registry, "reports", "--on", ON, "--fail-on", fail_on)
    assert result.exit_code == code
    assert ("есть состояния из --fail-on" in result.stderr) == (code == 1)


def test_fail_on_counts_the_selected_sites_only(registry: Path) -> None:
    assert invoke(registry, "reports", "omega", "--on", ON, "--fail-on", "missing").exit_code == 0
    assert invoke(registry, "reports", "beta", "--on", ON, "--fail-on", "missing").exit_code == 1


def test_fail_on_unknown_state(registry: Path) -> None:
    result = invoke(registry, "reports", "--fail-on", "missing,lat")
    assert result.exit_code == 2
    assert "«lat»" in result.stderr
    assert "с опозданием, не согласован, принят, не сдан, срок сдачи идёт, впереди" in result.stderr


def test_report_states_in_russian(registry: Path) -> None:
    english = invoke_json(registry, "reports", "--on", ON, "--state", "late", "-s", "missing")
    russian = invoke_json(
        registry, "reports", "--on", ON, "--state", "С опозданием", "-s", "не сдан"
    )
    assert russian == english and english["reports"]
    result = invoke(registry, "reports", "--on", ON, "--fail-on", "не сдан")
    assert result.exit_code == 1


def test_unknown_state_and_bad_date(registry: Path) -> None:
    assert invoke(registry, "reports", "--state", "overdue").exit_code == 2
    assert invoke(registry, "reports", "--on", "2025-9-1").exit_code == 2


def test_unknown_id(registry: Path) -> None:
    result = invoke(registry, "reports", "alpha", "nobody")
    assert result.exit_code == 2 and "«nobody»" in result.stderr


def test_table(registry: Path) -> None:
    result = invoke(registry, "reports", "--on", ON)
    assert result.exit_code == 0
    out = result.stdout
    assert "Отчёты площадок на 01.09.2025" in out
    assert "с опозданием" in out and "не сдан" in out
    assert "ежегодный, 2-й год" in out and "19.07.2025" in out and "01.08.2025" in out
    assert "МБОУ «СОШ № 1»" in out and "город Курск" in out
    assert "--all" in out  # the hint that ok and upcoming reports are hidden


def test_csv_in_russian_matches_json(registry: Path) -> None:
    raw = invoke(registry, "reports", "--on", ON, "--all", "--format", "csv").stdout_bytes
    assert raw.startswith(
        "\ufeffПлощадка;Организация;Муниципалитет;Отчёт;Срок;Год срока;Конец периода;"
        "Сдать до;Состояние;Сдан;Согласован\r\n".encode()
    )
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))[1:]
    expected = invoke_json(registry, "reports", "--on", ON, "--all")["reports"]
    assert len(rows) == len(expected)
    for row, report in zip(rows, expected, strict=True):
        assert row[0] == report["site"]
        assert row[3] == {"annual": "ежегодный", "final": "итоговый"}[report["kind"]]
        assert row[8] == REPORT_STATE_LABELS[report["state"]]
        due = report["due"].split("-")
        assert row[7] == f"{due[2]}.{due[1]}.{due[0]}"
    assert rows[0][1:3] == ["МБОУ «СОШ № 1»", "город Курск"]


def ics(registry: Path, *args: str, on: str = ON) -> tuple[bytes, list[Event]]:
    result = invoke(registry, "reports", "--on", on, "--format", "ics", *args)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    return result.stdout_bytes, list(calendar.walk("VEVENT"))


def test_ics_parsed_back(registry: Path) -> None:
    raw, events = ics(registry)
    calendar = Calendar.from_ical(raw)
    assert "ropcli" in str(calendar["PRODID"]) and str(calendar["VERSION"]) == "2.0"
    by_uid = {str(e["UID"]): e for e in events}
    # Every required report (not only the default states) and every regular term end.
    assert sorted(by_uid) == sorted([
        "report-alpha-annual-t1-y1@ropcli", "report-alpha-annual-t1-y2@ropcli",
        "report-alpha-final-t1@ropcli", "report-beta-annual-t1-y1@ropcli",
        "report-beta-annual-t1-y2@ropcli", "report-beta-final-t1@ropcli",
        "report-omega-annual-t1-y1@ropcli",
        "term-end-alpha-t1@ropcli", "term-end-beta-t1@ropcli",  # omega's was cut short
    ])  # fmt: skip
    late = by_uid["report-alpha-annual-t1-y2@ropcli"]
    assert late.decoded("DTSTART") == date(2025, 7, 19)  # all-day: a date, not a datetime
    assert not isinstance(late.decoded("DTSTART"), datetime)
    assert late.decoded("DTEND") == date(2025, 7, 20)
    assert late.decoded("DTSTAMP") == datetime(2025, 9, 1, tzinfo=late.decoded("DTSTAMP").tzinfo)
    assert "ежегодный отчёт за 2-й год срока 1" in str(late["SUMMARY"])
    assert "МБОУ «СОШ № 1»" in str(late["SUMMARY"])
    description = str(late["DESCRIPTION"])
    assert "Сдать до: 19.07.2025" in description and "с опозданием" in description
    triggers = sorted(a.decoded("TRIGGER") for a in late.walk("VALARM"))
    assert triggers == [timedelta(days=-30), timedelta(days=-7)]
    assert by_uid["term-end-alpha-t1@ropcli"].decoded("DTSTART") == date(2026, 6, 19)


def test_ics_is_reproducible_and_uids_are_stable(registry: Path) -> None:
    first, events = ics(registry)
    again, _ = ics(registry)
    assert first == again
    _, later = ics(registry, on="2026-09-01")
    uids = {str(e["UID"]) for e in events}
    assert uids <= {str(e["UID"]) for e in later}


def test_ics_state_filter_drops_term_ends(registry: Path) -> None:
    _, events = ics(registry, "--state", "missing")
    assert [str(e["UID"]) for e in events] == ["report-beta-annual-t1-y1@ropcli"]


def test_ics_to_file(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "rop.ics"
    result = invoke(registry, "reports", "--on", ON, "-f", "ics", "--out", str(out))
    assert result.exit_code == 0 and "rop.ics" in result.stdout
    assert Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    again = invoke(registry, "reports", "--on", ON, "-f", "ics", "--out", str(out))
    assert again.exit_code == 3 and "--force" in again.stderr
    assert invoke(registry, "reports", "-f", "ics", "--out", str(tmp_path)).exit_code == 3


def test_skipped_files(registry: Path) -> None:
    (registry / "sites" / "broken.yaml").write_text("id: [", encoding="utf-8")
    result = invoke(registry, "reports", "--on", ON, "-f", "json")
    assert result.exit_code == 1
    assert "sites/broken.yaml" in result.stderr and "ropcli --registry" in result.stderr
    assert "alpha" in result.stdout
    ignored = invoke(registry, "reports", "--on", ON, "-f", "json", "--ignore-invalid")
    assert ignored.exit_code == 0
    failing = ("reports", "--on", ON, "--ignore-invalid", "--fail-on", "missing")
    assert invoke(registry, *failing).exit_code == 1


def test_golden_sample_registry() -> None:
    for on in ("2025-09-01", "2026-09-01"):
        result = invoke(SAMPLE_REGISTRY, "reports", "--on", on, "--all", "--format", "json")
        assert result.exit_code == 0, result.stderr
        check_golden(f"reports-{on}.json", result.stdout)


def test_installed_command(registry: Path) -> None:
    done = run_installed("--registry", str(registry), "reports", "--on", ON, "--fail-on", "late")
    assert done.returncode == 1, done.stderr.decode()
    assert "с опозданием" in done.stdout.decode()
    assert b"\x1b[" not in done.stdout  # NO_COLOR and not a terminal
