"""Helpers of the `ropcli render` tests (no tests here): the CLI into a folder, and sites
with hard values."""

from __future__ import annotations

from pathlib import Path

from typer.testing import Result

from tests.cli_support import SAMPLE_REGISTRY, invoke, write_registry, write_site

SETTINGS = """\
region: Курская область
authority:
  signatory_name: А. В. Светлова
regulation:
  order_number: "1-1187"
  order_date: 2022-11-28
"""
# Every character that matters to one of the formats: XML/HTML (& < > "), Markdown
# (| * _ [ ] `), and the quotes of Russian text.
SPECIAL = 'Школа «Тест & <Ко>» "Ромашка" | *звезда* _x_ [1]'


def render(registry: Path, out: Path, *args: str) -> Result:
    return invoke(registry, "render", *args, "--out", f"{out}/")


def sample(out: Path, *args: str) -> Result:
    return render(SAMPLE_REGISTRY, out, *args)


def special_registry(root: Path, settings: str = SETTINGS) -> Path:
    """One site, `special`, whose short and full names carry every character above; it
    holds the status (assigned 2023, three years), so orders and passports can name it."""
    registry = write_registry(root, settings)
    write_site(
        registry,
        "special",
        """
review:
  municipal_agreement: {date: 2023-04-26, coordinator: Комитет образования города Курска}
  expert_conclusion: {date: 2023-05-25, protocol: "4", decision: approved}
history:
  - event: assigned
    order: {number: "1-512", date: 2023-06-14}
    term: {start: 2023-06-20, years: 3}
""",
        serial=7,
        short=SPECIAL,
    )
    return registry


def approved_registry(root: Path, settings: str = SETTINGS) -> Path:
    """One site, `fresh`, approved by the expert commission and without an order."""
    registry = write_registry(root, settings)
    write_site(
        registry,
        "fresh",
        """
review:
  municipal_agreement: {date: 2026-04-26, coordinator: Комитет образования города Курска}
  expert_conclusion: {date: 2026-05-25, protocol: "4", decision: approved}
""",
        serial=8,
        short=SPECIAL,
    )
    return registry
