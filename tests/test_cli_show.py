"""`ropcli show ID`: one site as a card, with a timeline drawn in the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_support import invoke, lifecycle_registry, run_installed

ON = "2025-09-01"
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return lifecycle_registry(tmp_path / "registry")


def card(registry: Path, site_id: str, on: str = ON) -> list[str]:
    result = invoke(registry, "show", site_id, "--on", on)
    assert result.exit_code == 0, result.output
    assert not ANSI.search(result.stdout)
    return result.stdout.splitlines()


def line(lines: list[str], start: str) -> str:
    return next(x for x in lines if x.startswith(start))


def test_card_of_an_active_site(registry: Path) -> None:
    lines = card(registry, "alpha")
    assert lines[0] == "МБОУ «СОШ № 1»  [alpha]"
    assert line(lines, "Организация:").endswith("«МБОУ «СОШ № 1»» города Курска")
    assert line(lines, "Муниципалитет:") == "Муниципалитет: город Курск"
    assert line(lines, "Состояние на 01.09.2025:") == (
        "Состояние на 01.09.2025: действует — срок 1, до 19.06.2026 включительно, осталось 291 день"
    )
    assert line(lines, "Ближайший срок:") == (
        "Ближайший срок: 19.07.2026 — итоговый отчёт за срок 1 (впереди)"
    )
    assert re.search(r"^1\s+присвоение\s+№ 1-512 от 14\.06\.2023\s+20\.06\.2023\s+19\.06\.2026$",
                     "\n".join(lines), re.M)  # fmt: skip
    report = line(lines, "ежегодный, 2-й год")
    assert re.search(r"19\.07\.2025\s+с опозданием\s+01\.08\.2025\s+30\.07\.2025$", report)


def test_timeline(registry: Path) -> None:
    lines = card(registry, "alpha")
    start = lines.index("Хронология")
    years, axis, term, reports, marker, legend = lines[start + 1 : start + 7]
    # Year ticks: 2023..2026 (term start .. final report due), a tick under each label.
    for year in ("2023", "2024", "2025", "2026"):
        assert axis[years.index(year)] == "├"
    assert term.startswith("срок 1") and "█" in term
    assert reports.startswith("отчёты")
    assert reports.count("✓") == 1 and reports.count("!") == 1 and reports.count("○") == 1
    # D is marked below the chart and the column of D crosses the chart.
    column = marker.index("▲")
    assert marker.endswith("▲ 01.09.2025")
    assert years.index("2025") < column < years.index("2026")
    assert term[column] == "█"  # D lies inside the term
    assert reports[column] == "┊"
    # The bar starts in June 2023 and ends in June 2026.
    assert years.index("2023") < term.index("█") < years.index("2024")
    assert years.index("2026") < term.rindex("█") < years.index("2026") + 12
    assert "✓ отчёт принят" in legend and "▲ дата 01.09.2025" in legend


def test_revoked_site(registry: Path) -> None:
    lines = card(registry, "omega")
    assert line(lines, "Состояние на 01.09.2025:").endswith("снят досрочно с 10.09.2024")
    revoked = line(lines, "Снятие статуса:")
    assert "приказ № 1-214 от 10.09.2024" in revoked and "отсутствие необходимых" in revoked
    term = line(lines, "срок 1 ")
    assert "█" in term and "░" in term and term.index("█") < term.index("░")


def test_missing_report_is_called_out(registry: Path) -> None:
    lines = card(registry, "beta")
    assert line(lines, "Не сдано в срок:") == (
        "Не сдано в срок: ежегодный отчёт за 1-й год срока 1 (сдать до 30.03.2025)"
    )


def test_site_without_terms(registry: Path) -> None:
    lines = card(registry, "delta")
    assert line(lines, "Состояние на 01.09.2025:").endswith("подана заявка")
    assert "Сроков статуса на 01.09.2025 нет." in lines
    assert "Хронология" not in lines


def test_what_is_not_known_at_d_is_not_shown(registry: Path) -> None:
    lines = card(registry, "alpha", on="2023-06-01")  # approved, order not yet issued
    assert line(lines, "Состояние на 01.06.2023:").endswith("одобрен")
    assert not any("1-512" in x for x in lines)


def test_unknown_id_is_a_usage_error(registry: Path) -> None:
    result = invoke(registry, "show", "alfa")
    assert result.exit_code == 2
    assert "«alfa»" in result.stderr and "alpha" in result.stderr


def test_bad_date(registry: Path) -> None:
    result = invoke(registry, "show", "alpha", "--on", "1 сентября")
    assert result.exit_code == 2 and "ГГГГ-ММ-ДД" in result.stderr


def test_site_with_errors_is_refused(registry: Path) -> None:
    path = registry / "sites" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    result = invoke(registry, "show", "alpha")
    assert result.exit_code == 1
    assert "sites/alpha.yaml" in result.stderr and "validate" in result.stderr
    assert result.stdout == ""


def test_installed_command(registry: Path) -> None:
    done = run_installed("--registry", str(registry), "show", "alpha", "--on", ON)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "Хронология" in out and "▲ 01.09.2025" in out
    assert "\x1b[" not in out
