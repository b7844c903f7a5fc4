"""`status` and `reports --format xlsx`: the workbook read back with openpyxl — Russian
headers, real date cells, a frozen header row, an auto-filter, state colours — and the
refusal to send a binary workbook to a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed

ON = "2026-09-01"


def test_status_xlsx_by_extension(tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    result = invoke(SAMPLE_REGISTRY, "status", "--on", ON, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Записан файл" in result.stdout
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) == 1
    sheet = book.active
    assert sheet.title == "Состояние на 01.09.2026"
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Площадка (id)", "Организация", "Муниципалитет", "Состояние"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    sosh5 = rows["kursk-sosh-5"]
    assert sosh5[3].value == "действует"
    assert sosh5[5].value == datetime(2026, 6, 20) and sosh5[5].is_date
    assert sosh5[6].value == datetime(2029, 6, 19) and sosh5[6].number_format == "DD.MM.YYYY"
    assert sosh5[7].value == 1022
    assert sosh5[3].fill.fgColor.rgb.endswith("DCFCE7")  # «действует» is green
    assert sheet.column_dimensions["B"].width >= 30


def test_reports_xlsx_to_a_pipe(tmp_path: Path) -> None:
    result = invoke(SAMPLE_REGISTRY, "reports", "--on", ON, "--all", "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Площадка (id)",
        "Организация",
        "Отчёт",
        "Срок",
        "Год срока",
        "Конец периода",
        "Сдать до",
        "Состояние",
        "Сдан",
        "Согласован",
    ]
    dues = [r[6] for r in sheet.iter_rows(min_row=2)]
    assert dues and all(c.is_date and isinstance(c.value, datetime) for c in dues)
    assert sheet.freeze_panes == "A2"


def test_xlsx_is_refused_on_a_terminal() -> None:
    """The installed command with a real terminal as standard output: exit 2, a hint."""
    main, child = pty.openpty()
    script = [sys.executable, "-m", "ropcli"]
    done = subprocess.run(
        [*script, "--registry", str(SAMPLE_REGISTRY), "status", "--format", "xlsx"],
        stdout=child,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    os.close(child)
    os.close(main)
    assert done.returncode == 2
    assert "--out ФАЙЛ.xlsx" in done.stderr.decode()


@pytest.mark.slow
def test_installed_ropcli_writes_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "reports.xlsx"
    done = run_installed("--registry", str(SAMPLE_REGISTRY), "reports", "--on", ON, "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert openpyxl.load_workbook(out).active.freeze_panes == "A2"
