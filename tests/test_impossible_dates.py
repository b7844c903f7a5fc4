"""Impossible dates are refused by every command: a term before its order, a report before
its period, an order drafted before the documents it cites (rules `term-after-order`,
`report-after-period-start`; the order drafts' own check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed
from tests.write_support import copy_sample, site_file

# medven-sosh-1 is approved (conclusion of 16.07.2026) and has no order yet.
ASSIGN = ["record", "assign", "medven-sosh-1", "--order", "1-900", "--order-date", "2026-12-01"]


def test_record_assign_refuses_a_term_before_its_order(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, "medven-sosh-1").read_bytes()
    result = invoke(root, *ASSIGN, "--start", "2025-12-10")
    assert result.exit_code == 1, result.output
    assert "срок начинается (10.12.2025) раньше приказа о присвоении статуса (01.12.2026)" in (
        result.output
    )
    assert "[term-after-order, п. 6.7]" in result.output
    assert site_file(root, "medven-sosh-1").read_bytes() == before


def test_record_extend_refuses_a_term_before_its_order(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = site_file(root, "oboyan-gimn-1").read_bytes()
    args = ["record", "extend", "oboyan-gimn-1", "--order", "1-901", "--order-date", "2026-12-01"]
    result = invoke(root, *args, "--start", "2026-10-01")
    assert result.exit_code == 1, result.output
    assert "раньше приказа о продлении статуса (01.12.2026)" in result.output
    assert site_file(root, "oboyan-gimn-1").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--kind", "annual", "--year", "2", "--submitted", "2027-06-01"],
            "ежегодный отчёт за срок 1, год 2 сдан 01.06.2027 — раньше, чем начался его "
            "период (10.12.2027)",
        ),
        (
            [
                "--kind",
                "annual",
                "--year",
                "1",
                "--submitted",
                "2027-06-01",
                "--agreed",
                "2026-11-30",
            ],
            "ежегодный отчёт за срок 1, год 1 согласован 30.11.2026 — раньше, чем начался "
            "его период (10.12.2026)",
        ),
        (
            ["--kind", "final", "--submitted", "2026-12-09"],
            "итоговый отчёт за срок 1 сдан 09.12.2026 — раньше, чем начался его период "
            "(10.12.2026)",
        ),
        (
            ["--kind", "interim", "--submitted", "2026-12-01"],
            "промежуточный отчёт за срок 1 сдан 01.12.2026",
        ),
    ],
)
def test_record_report_refuses_a_report_before_its_period(
    tmp_path: Path, args: list[str], message: str
) -> None:
    root = copy_sample(tmp_path)
    assert invoke(root, *ASSIGN, "--start", "2026-12-10").exit_code == 0
    before = site_file(root, "medven-sosh-1").read_bytes()
    result = invoke(root, "record", "report", "medven-sosh-1", *args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "[report-after-period-start, п. 4.2.5]" in result.output
    assert site_file(root, "medven-sosh-1").read_bytes() == before


def test_a_report_on_the_first_day_of_its_period_is_written(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    assert invoke(root, *ASSIGN, "--start", "2026-12-10").exit_code == 0
    args = ["--kind", "annual", "--year", "2", "--submitted", "2027-12-10"]
    result = invoke(root, "record", "report", "medven-sosh-1", *args)
    assert result.exit_code == 0, result.output


def _write_impossible(root: Path) -> None:
    """A hand-edited file: the first term a year before its order."""
    path = site_file(root, "kursk-sosh-5")
    text = path.read_text(encoding="utf-8")
    text = text.replace("{start: 2023-06-20, years: 3}", "{start: 2022-06-20, years: 3}")
    path.write_text(text, encoding="utf-8")


def test_validate_and_render_refuse_a_hand_written_impossible_date(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    _write_impossible(root)
    result = invoke(root, "validate", "--format", "json")
    assert result.exit_code == 1
    found = {(p["rule"], p["pointer"]) for p in json.loads(result.stdout)["problems"]}
    assert ("term-after-order", "/history/0/term/start") in found
    # The year 1 report (submitted 2024) now falls in year 2 of the earlier term: no error.
    assert not any(rule == "report-after-period-start" for rule, _ in found)
    out = tmp_path / "out"
    out.mkdir()
    rendered = invoke(root, "render", "passport", "kursk-sosh-5", "--out", str(out), "-f", "md")
    assert rendered.exit_code == 1, rendered.output
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["order-assign", "--on", "2026-11-25", "--order-date", "2020-01-01"],
            "дата приказа 01.01.2020 раньше даты документа, на который приказ ссылается для "
            "площадки kursk-kits: заключение Экспертной комиссии от 22.10.2026",
        ),
        (
            ["order-extend", "--on", "2026-11-25", "--order-date", "2026-09-01"],
            "для площадки oboyan-gimn-1: заявка на продление от 14.09.2026",
        ),
        (
            [
                "order-revoke",
                "kursk-sosh-5",
                "--on",
                "2026-11-25",
                "--order-date",
                "2026-10-31",
                "--reason",
                "negative_effects",
                "--agreed-commission",
                "2026-11-01",
                "--agreed-center",
                "2026-10-20",
            ],
            "для площадки kursk-sosh-5: согласование Экспертной комиссии от 01.11.2026",
        ),
    ],
    ids=["assign", "extend", "revoke"],
)
def test_render_refuses_an_order_dated_before_what_it_cites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(SAMPLE_REGISTRY, "render", *args, "-f", "md")
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_render_drafts_an_order_dated_on_the_day_of_the_conclusion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["order-assign", "kursk-kits", "--on", "2026-11-25", "--order-date", "2026-10-22"]
    result = invoke(SAMPLE_REGISTRY, "render", *args, "-f", "md")
    assert result.exit_code == 0, result.output


def test_installed_ropcli_refuses_an_order_before_its_conclusion(tmp_path: Path) -> None:
    args = ["order-assign", "--on", "2026-11-25", "--order-date", "2020-01-01", "-f", "md"]
    registry = str(SAMPLE_REGISTRY)
    done = run_installed("--registry", registry, "render", *args, "--out", str(tmp_path))
    assert done.returncode == 1
    assert "заключение Экспертной комиссии от 22.10.2026" in done.stderr.decode()
    assert list(tmp_path.iterdir()) == []
