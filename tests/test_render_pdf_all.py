"""Every document of every sample site it can name, rendered to PDF through LibreOffice and
read back page by page: the document has text, no field is left as a blank or a template tag,
no English word reached the document, and table headers are whole words.

One `render` call per document (LibreOffice converts all of its files in one run), so the
whole set costs about a minute; it runs in CI, where LibreOffice is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ropcli.documents.catalog import DOCUMENTS, IDS_REQUIRED
from ropcli.documents.context import site_view
from ropcli.validation.check import check
from ropcli.validation.registry import open_registry
from tests.cli_support import SAMPLE_REGISTRY
from tests.render_support import sample

ON = "2026-11-25"
NEEDS_PDF = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed: "
    "apt-get install libreoffice-writer-nogui poppler-utils",
)
# Latin words a Russian document may carry: addresses, file formats, the standard's name.
LATIN = re.compile(r"(?<![\w@./:-])[A-Za-z]{3,}(?![\w@./-]|://)")
ALLOWED_LATIN = {"http", "https", "www", "html", "pdf", "docx"}
BLANKS = ("{{", "}}", "{%", "%}", "None", "Undefined")  # signature lines «____» are meant
# Header words of the order appendix and the register list that once broke mid-word.
WHOLE = ("Муниципальное", "образование", "Образовательная", "организация")


# Where "every site it can name" needs more than the file gives: an approval sheet is for
# one draft at a time; a draft revocation needs its grounds as options, so the recorded one.
EXPLICIT = {"approval-sheet": ["kursk-kits", "medven-sosh-1"], "order-revoke": ["rylsk-sosh-1"]}


def _eligible(name: str) -> list[str]:
    """The sample sites the document can name at ON (none to name for whole-register ones)."""
    if name in EXPLICIT:
        return EXPLICIT[name]
    kind = DOCUMENTS[name]
    if kind.selection != IDS_REQUIRED:
        return []
    registry = open_registry(SAMPLE_REGISTRY)
    result = check(registry)
    views = [site_view(s.file, s.data, registry.settings) for s in result.valid_sites()]
    on = date.fromisoformat(ON)
    return sorted(v.id for v in views if kind.refusal(v.data, registry.settings, on) is None)


def rendered(out: Path, name: str, fmt: str) -> list[Path]:
    """Document `name` of the sample in format `fmt`, for every sample site it can name."""
    ids = _eligible(name)
    if DOCUMENTS[name].selection == IDS_REQUIRED and not ids:
        pytest.fail(f"no sample site can be named in {name} at {ON}: the sample lacks a case")
    on = "2026-09-01" if name == "order-revoke" else ON  # the revocation is recorded by then
    result = sample(out, name, *ids, "--on", on, "--format", fmt)
    assert result.exit_code == 0, result.output
    files = sorted(out.glob(f"*.{fmt}"))
    assert files, result.output
    return files


def _pages(path: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=120
    )
    return [page for page in done.stdout.decode("utf-8").split("\f") if page.strip()]


@pytest.mark.slow
@NEEDS_PDF
@pytest.mark.parametrize("name", sorted(n for n, k in DOCUMENTS.items() if "pdf" in k.formats))
def test_every_document_reads_right_in_pdf(tmp_path: Path, name: str) -> None:
    for path in rendered(tmp_path, name, "pdf"):
        pages = _pages(path)
        assert pages and len(" ".join(pages).split()) > 20, f"{path.name}: almost no text"
        for number, page in enumerate(pages, 1):
            where = f"{path.name}, страница {number}"
            for blank in BLANKS:
                assert blank not in page, f"{where}: «{blank}»"
            english = {w for w in LATIN.findall(page) if w.lower() not in ALLOWED_LATIN}
            assert not english, f"{where}: English words {sorted(english)}"
            for word in WHOLE:
                stem = word[:-2]
                cut = re.search(rf"\b{stem}\w?\s*$", page, re.MULTILINE)
                if cut and word not in page:
                    pytest.fail(f"{where}: «{word}» cut at a line end")
