"""Tables at 60, 80 and 120 columns: no id and no date is ever cut («16.08.…»), no line is
wider than the window; other columns wrap or are dropped."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from ropcli.core.dates import short
from ropcli.output.views import tables
from ropcli.output.views.card import show_card
from ropcli.register.at_date import Overview, report_rows, site_card, status_rows
from ropcli.validation.check import check
from ropcli.validation.registry import open_registry
from tests.cli_support import SAMPLE_REGISTRY, lifecycle_registry, write_site

ON = date(2026, 9, 1)
WIDTHS = (60, 80, 120)
DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}")
NUMBERISH = re.compile(r"[\d.]*\d[\d.]*")


def overview(root: Path) -> Overview:
    registry = open_registry(root)
    return Overview.from_check(check(registry), registry.settings)


@pytest.fixture(scope="module")
def sample() -> Overview:
    return overview(SAMPLE_REGISTRY)


def rendered(width: int, draw: Callable[[Console], None]) -> str:
    stream = io.StringIO()
    draw(Console(file=stream, width=width, no_color=True, highlight=False, emoji=False))
    return stream.getvalue()


def assert_whole(text: str, width: int, ids: set[str], dates: set[str]) -> None:
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines), text
    assert "…" not in text, text
    # Every run of digits and dots is a whole date or a plain number, never a piece of one.
    for token in NUMBERISH.findall(text):
        assert DATE.fullmatch(token) or "." not in token, f"cut: {token!r}\n{text}"
    words = set(re.findall(r"[\w-]+", text))
    assert ids <= words, (ids - words, text)
    found = set(DATE.findall(text))
    assert dates <= found, (dates - found, text)


@pytest.mark.parametrize("width", WIDTHS)
def test_status_table(sample: Overview, width: int) -> None:
    rows = status_rows(sample, ON)
    text = rendered(width, lambda c: tables.status_table(c, rows, ON, quiet=True))
    ids = {r.site.id for r in rows}
    dates = {short(d) for r in rows for d in (r.status.term_start, r.status.term_end) if d}
    assert_whole(text, width, ids, dates)


@pytest.mark.parametrize("width", WIDTHS)
def test_reports_table(sample: Overview, width: int) -> None:
    rows = report_rows(sample, ON)
    text = rendered(width, lambda c: tables.reports_table(c, rows, ON, quiet=True))
    ids = {r.site.id for r in rows}
    dates = {short(d) for r in rows for d in (r.report.due, r.report.submitted) if d}
    assert_whole(text, width, ids, dates)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_id", ["kursk-sosh-12", "kursk-sosh-5", "rylsk-sosh-1", "zhel-cdt"])
def test_show_tables(sample: Overview, width: int, site_id: str) -> None:
    site = sample.find(site_id)
    assert site is not None
    card = site_card(site, sample.settings, ON)
    text = rendered(width, lambda c: show_card(c, card))
    tables_part = text.split("Хронология")[0]  # the timeline has its own layout
    dates = {short(t.start) for t in card.terms} | {short(t.end) for t in card.terms}
    dates |= {short(r.due) for r in card.reports}
    dates |= {short(r.submitted) for r in card.reports if r.submitted}
    assert_whole(tables_part, width, {site_id}, dates)


def test_long_ids_still_whole_at_sixty(tmp_path: Path) -> None:
    root = lifecycle_registry(tmp_path / "registry")
    long_id = "zheleznogorsk-gimnaziya-1"
    write_site(root, long_id, "", serial=9, short="МБОУ «Гимназия № 1» г. Железногорска")
    rows = status_rows(overview(root), ON)
    text = rendered(60, lambda c: tables.status_table(c, rows, ON, quiet=True))
    assert_whole(text, 60, {r.site.id for r in rows}, set())
