"""Every Word document with a table ends with a paragraph after its last table: a body that
ends with a table loses its tables when LibreOffice saves it as .doc and opens it again
(the cells become glued paragraphs) — checked on the XML of each rendered document and by
a real .doc round trip of an order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from ropcli.documents.catalog import DOCUMENTS
from tests.render_support import sample
from tests.test_render_pdf_all import ON, rendered

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The documents that ended with a table before the builders closed every body.
ONCE_ENDED_WITH_A_TABLE = {
    "order-assign",
    "order-extend",
    "order-revoke",
    "passport",
    "report-reminder",
    "status-notice",
}


def _body(path: Path) -> list[str]:
    """The tags of the body's children, without the section properties."""
    body = Document(str(path)).element.body
    return [child.tag for child in body.iterchildren() if child.tag != f"{W}sectPr"]


def _round_trip(source: Path, folder: Path) -> Path:
    """Saved as .doc by LibreOffice and opened again as .docx."""
    profile = folder / "lo-profile"  # a private profile: runs never share a lock
    for kind, path, target in (
        ("doc", source, folder / "doc"),
        ("docx", folder / "doc" / f"{source.stem}.doc", folder / "back"),
    ):
        command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
        done = subprocess.run(
            [*command, "--convert-to", kind, "--outdir", str(target), str(path)],
            capture_output=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return folder / "back" / f"{source.stem}.docx"


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_word_documents_end_with_a_paragraph_and_keep_their_tables_as_doc(
    tmp_path: Path,
) -> None:
    with_tables: set[str] = set()
    for name in sorted(n for n, kind in DOCUMENTS.items() if "docx" in kind.formats):
        files = rendered(tmp_path / name, name, "docx")
        for path in files:
            body = _body(path)
            if f"{W}tbl" not in body:
                continue
            with_tables.add(name)
            assert body[-1] == f"{W}p", f"{path.name}: the body ends with a table"
    assert with_tables >= ONCE_ENDED_WITH_A_TABLE

    assert sample(tmp_path / "order", "order-assign", "--on", ON).exit_code == 0
    (order,) = (tmp_path / "order").glob("*.docx")
    tables = len(Document(str(order)).tables)
    assert tables == 2  # the signature and the appendix
    back = _round_trip(order, tmp_path / "lo")
    assert len(Document(str(back)).tables) == tables
