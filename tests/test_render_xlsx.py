"""`render registry-list --format xlsx`: the register list as a workbook, read back with
openpyxl and compared row by row with the Markdown list of the same register and date;
the refusals (another document in xlsx, a workbook to the screen)."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed

ON = "2026-09-01"
NAME = f"registry-list-{ON}"


def _day(value: object) -> str:
    assert isinstance(value, datetime), value
    return f"{value:%d.%m.%Y}"


def _as_markdown(row: tuple[object, ...]) -> list[str]:
    """A sheet row written back as the Markdown list's cells."""
    number, org, town, state, term, start, end, revoked, order_day, order_no = row
    if term == "—":
        assert (start, end, revoked, order_day, order_no) == ("—",) * 5
        return [str(number), str(org), str(town), str(state), "—", "—"]
    span = f"{term}-й: {_day(start)} – {_day(end)}"
    if revoked != "—":
        span += f", снят с {_day(revoked)}"
    return [
        str(number),
        str(org),
        str(town),
        str(state),
        span,
        f"от {_day(order_day)} № {order_no}",
    ]


def _markdown_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_registry_list_xlsx_matches_the_markdown_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(SAMPLE_REGISTRY, "render", "registry-list", "--on", ON, "-f", "xlsx")
    assert result.exit_code == 0, result.output
    assert invoke(SAMPLE_REGISTRY, "render", "registry-list", "--on", ON).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{NAME}.md", f"{NAME}.xlsx"]

    book = openpyxl.load_workbook(tmp_path / f"{NAME}.xlsx")
    assert len(book.sheetnames) == 1
    sheet = book.active
    assert sheet.title == "Реестр на 01.09.2026"
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == [
        "№",
        "Образовательная организация",
        "Муниципальное образование",
        "Состояние",
        "Срок статуса",
    ]
    assert "Id" not in headers and all(isinstance(h, str) and h for h in headers)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions == "A1:J12"
    assert sheet.column_dimensions["B"].width >= 30

    rows = [tuple(c.value for c in r) for r in sheet.iter_rows(min_row=2)]
    markdown = (tmp_path / f"{NAME}.md").read_text(encoding="utf-8")
    assert [_as_markdown(r) for r in rows] == _markdown_rows(markdown)
    assert all(None not in r for r in rows)  # nothing blank: «—» as in the list

    cells = {r[1].value: r for r in sheet.iter_rows(min_row=2)}
    sosh5 = cells["МБОУ «СОШ № 5»"]
    assert sosh5[5].is_date and sosh5[5].number_format == "DD.MM.YYYY"
    assert sosh5[5].value.date() == date(2026, 6, 20)
    assert sosh5[3].fill.fgColor.rgb.endswith("DCFCE7")  # «действует» is green
    rylsk = cells["МБОУ «СОШ № 1 г. Рыльска»"]
    assert rylsk[7].is_date and rylsk[7].value == datetime(2026, 3, 16)
    assert rylsk[3].fill.fgColor.rgb.endswith("FEE2E2")


def test_installed_ropcli_writes_the_registry_workbook(tmp_path: Path) -> None:
    out = tmp_path / "реестр.xlsx"
    done = run_installed(
        "--registry", str(SAMPLE_REGISTRY), "render", "registry-list", "--on", ON, "-o", str(out)
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "Записан файл" in done.stdout.decode()
    sheet = openpyxl.load_workbook(out).active
    assert sheet.freeze_panes == "A2" and sheet.max_row == 12
    time.sleep(1.1)  # zip members and «modified» are dated to the second: not by the clock
    again = tmp_path / "again.xlsx"
    run_installed(
        "--registry", str(SAMPLE_REGISTRY), "render", "registry-list", "--on", ON, "-o", str(again)
    )
    assert again.read_bytes() == out.read_bytes()  # same register, same day: same file


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["passport", "kursk-sosh-5", "-f", "xlsx"], "бывает только в форматах"),
        (["passport", "kursk-sosh-5", "-o", "паспорт.xlsx"], "бывает только в форматах"),
        (["registry-list", "-f", "xlsx", "-o", "-"], "на экран"),
        (["registry-list", "-f", "xlsx", "-o", "реестр.md"], "не подходит к формату xlsx"),
    ],
)
def test_xlsx_refusals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(SAMPLE_REGISTRY, "render", *args)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert list(tmp_path.iterdir()) == []
