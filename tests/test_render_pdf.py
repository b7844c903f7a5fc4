"""`ropcli render --format pdf`: the Word document (or, for documents without one, the HTML)
converted by LibreOffice headless, read back with pdftotext; a clear message and exit 3
where LibreOffice is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke
from tests.render_support import sample

NEEDS_PDF = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed: "
    "apt-get install libreoffice-writer-nogui poppler-utils",
)


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.mark.slow
@NEEDS_PDF
@pytest.mark.parametrize(
    ("args", "name", "words"),
    [
        (
            ["order-assign", "--on", "2026-11-25", "--order-date", "2026-12-01"],
            "order-assign-2026-12-01.pdf",
            ["О присвоении статуса региональной опорной площадки наставничества", "ПРИКАЗЫВАЮ:"],
        ),
        (
            ["order-extract", "kursk-sosh-5", "--on", "2026-11-25"],
            "order-extract-kursk-sosh-5-2026-06-05.pdf",
            ["ВЫПИСКА", "Верно:", "Е. С. Голубева"],
        ),
        (
            ["registry-list", "--on", "2026-09-01"],
            "registry-list-2026-09-01.pdf",
            ["Реестр региональных опорных площадок наставничества", "Железногорск"],
        ),
    ],
    ids=["order", "extract", "register"],
)
def test_pdf_has_the_documents_words(
    tmp_path: Path, args: list[str], name: str, words: list[str]
) -> None:
    result = sample(tmp_path, *args, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")
    text = pdf_text(tmp_path / name)
    for word in words:
        assert word in text, (word, text[:400])


@pytest.mark.slow
@NEEDS_PDF
def test_pdf_from_the_out_suffix_one_file_per_site(tmp_path: Path) -> None:
    result = sample(tmp_path, "report-reminder", "--on", "2026-09-01", "-f", "pdf")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "report-reminder-kursk-sosh-12-2026-09-01.pdf",
        "report-reminder-oboyan-gimn-1-2026-09-01.pdf",
    ]
    assert "Уважаем" in pdf_text(tmp_path / names[0])
    single = invoke(
        SAMPLE_REGISTRY, "render", "passport", "kursk-sosh-5", "--out", str(tmp_path / "p.pdf")
    )
    assert single.exit_code == 0, single.output
    assert "Паспорт" in pdf_text(tmp_path / "p.pdf") or "паспорт" in pdf_text(tmp_path / "p.pdf")


def test_without_libreoffice_exit_3_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine where LibreOffice is not installed
    result = sample(tmp_path / "out", "passport", "kursk-sosh-5", "--format", "pdf")
    assert result.exit_code == 3
    assert "нужен LibreOffice" in result.stderr and "libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_pdf_is_not_written_to_a_terminal() -> None:
    result = invoke(SAMPLE_REGISTRY, "render", "passport", "kursk-sosh-5", "-f", "pdf", "-o", "-")
    assert result.exit_code == 2
