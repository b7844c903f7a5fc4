"""`ropcli render order-extract | status-notice | approval-sheet`: golden Markdown on the
sample registry, the same words in HTML and DOCX, the order's other sites in an extract,
and refusals (no recorded order, an unknown order number, settings missing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from tests.cli_support import SAMPLE_REGISTRY, check_golden, write_registry, write_site
from tests.render_support import SETTINGS, SPECIAL, render, sample, special_registry

CASES = [
    (["order-extract", "kursk-sosh-5"], "order-extract-kursk-sosh-5-2026-06-05.md"),
    (["order-extract", "rylsk-sosh-1"], "order-extract-rylsk-sosh-1-2026-03-16.md"),
    (["order-extract", "fatezh-sosh-1"], "order-extract-fatezh-sosh-1-2026-08-28.md"),
    (
        ["order-extract", "kursk-sosh-5", "--order-number", "1-512"],
        "order-extract-kursk-sosh-5-2023-06-14.md",
    ),
    (["status-notice", "kursk-sosh-5"], "status-notice-kursk-sosh-5-2026-06-05.md"),
    (["status-notice", "rylsk-sosh-1"], "status-notice-rylsk-sosh-1-2026-03-16.md"),
    (["status-notice", "oboyan-gimn-1"], "status-notice-oboyan-gimn-1-2023-09-25.md"),
    (["approval-sheet", "kursk-kits", "medven-sosh-1"], "approval-sheet-2026-11-25.md"),
]
IDS = [f"{c[0][0]}-{c[1]}" for c in CASES]
CERTIFIER = """\
  certifier_position: Начальник отдела кадров и делопроизводства
  certifier_name: Е. С. Голубева
"""


@pytest.mark.parametrize(("args", "name"), CASES, ids=IDS)
def test_golden_markdown(tmp_path: Path, args: list[str], name: str) -> None:
    result = sample(tmp_path, *args, "--on", "2026-11-25", "--format", "md")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [name]
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "____" not in text.replace("№ ____", "")  # only the outgoing number is blank
    check_golden(f"render/{name}", text)


@pytest.mark.parametrize(("args", "name"), CASES, ids=IDS)
def test_html_and_docx_have_the_same_words(tmp_path: Path, args: list[str], name: str) -> None:
    golden = (Path(__file__).parent / "golden" / "render" / name).read_text(encoding="utf-8")
    heading = next(line for line in golden.splitlines() if line.startswith("**") and len(line) > 20)
    words = heading.strip("*\\ «»").split("»")[0]
    for fmt in ("html", "docx"):
        result = sample(tmp_path / fmt, *args, "--on", "2026-11-25", "--format", fmt)
        assert result.exit_code == 0, result.output
        path = tmp_path / fmt / name.replace(".md", f".{fmt}")
        if fmt == "html":
            text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
        else:
            document = Document(str(path))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            text = "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")
        assert words in text, (fmt, words)
        assert "{{" not in text and "{%" not in text


def test_extract_quotes_the_orders_other_sites(tmp_path: Path) -> None:
    """Two sites of one assignment order: the plural wording, the site's own row number."""
    settings = SETTINGS.replace(
        "  signatory_name: А. В. Светлова\n", "  signatory_name: А. В. Светлова\n" + CERTIFIER
    )
    registry = special_registry(tmp_path / "registry", settings)
    write_site(
        registry,
        "another",
        """
review:
  municipal_agreement: {date: 2023-04-20, coordinator: Комитет образования города Курска}
  expert_conclusion: {date: 2023-05-25, protocol: "4", decision: approved}
history:
  - event: assigned
    order: {number: "1-512", date: 2023-06-14}
    term: {start: 2023-06-20, years: 3}
""",
        serial=9,
    )
    result = render(registry, tmp_path / "out", "order-extract", "special", "-f", "md")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "order-extract-special-2023-06-14.md").read_text(encoding="utf-8")
    assert "образовательным организациям, указанным в приложении" in text
    assert "\n| 2 | " in text  # «another» comes first by id
    assert "Тест & \\<Ко\\>" in text  # the special name, escaped for Markdown
    assert "Контроль за исполнением" not in text  # the extract quotes what concerns the site


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["order-extract", "medven-sosh-1"], 1, "нет записанного приказа"),
        (["status-notice", "kursk-kits"], 1, "нет записанного приказа"),
        (["order-extract"], 2, "укажите id"),
        (["order-extract", "kursk-sosh-5", "--order-number", "9-999"], 1, "№ 9-999"),
        (["approval-sheet", "rylsk-sosh-1"], 1, "нет проекта приказа"),
        (["approval-sheet", "kursk-kits", "oboyan-gimn-1"], 2, "разные проекты"),
        (["status-notice", "kursk-sosh-5", "--reason", "law_violation"], 2, "не относится"),
    ],
)
def test_refusals(tmp_path: Path, args: list[str], code: int, words: str) -> None:
    result = sample(tmp_path / "out", *args, "--on", "2026-11-25")
    assert result.exit_code == code, result.output
    assert words in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_settings_missing_are_named(tmp_path: Path) -> None:
    registry = special_registry(tmp_path / "registry")
    extract = render(registry, tmp_path / "out", "order-extract", "special")
    assert extract.exit_code == 3 and "authority.certifier_position" in extract.stderr
    sheet = render(registry, tmp_path / "out", "approval-sheet", "special", "--reason", "x")
    assert sheet.exit_code == 2
    registry2 = write_registry(tmp_path / "r2", SETTINGS)
    write_site(
        registry2,
        "fresh",
        "\nreview:\n  municipal_agreement: {date: 2026-04-26, "
        'coordinator: Комитет}\n  expert_conclusion: {date: 2026-05-25, protocol: "4", '
        "decision: approved}\n",
        serial=8,
        short=SPECIAL,
    )
    missing = render(registry2, tmp_path / "out", "approval-sheet", "fresh", "--on", "2026-09-01")
    assert missing.exit_code == 3 and "approvals" in missing.stderr


def test_sample_registry_is_the_one_rendered() -> None:
    assert (SAMPLE_REGISTRY / "ropcli.yaml").read_text(encoding="utf-8").count("certifier_") == 2
