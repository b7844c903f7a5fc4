"""A Word file as labelled entries: each table row «label | value», each paragraph
«label: value» outside tables, with where it stands (file, table and row) for messages.

Merged cells (`tables`): each `w:tc` element is taken once per row, a cell that continues
a vertical merge stands for the first cell of the merge, and a value cell that merely
continues the one above adds no value again. A cell's paragraphs and line breaks are its
lines. Limits on rows and text (`tables`) and any markup python-docx cannot make sense of
refuse the file (exit 3), never a traceback.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.exceptions import PythonDocxError
from docx.oxml.ns import qn

from ropcli.core import archive
from ropcli.core.problems import ExitCode, RopcliError, os_reason

from . import tables

MAX_BYTES = 20 * 1024 * 1024  # a filled form is a few dozen KiB
HINT_COLOR = "595959"
NO_PARENT: Any = None  # a paragraph of a cell read on its own: no story part needed
NUMBERING = re.compile(r"^\s*(?:№\s*)?(?:[0-9]+|[IVX]+|[а-яa-z])(?:[.)][0-9]+)*[.)]?\s*$", re.I)


@dataclass(frozen=True)
class Entry:
    """One labelled value: `label` the label's text (its cells joined), `head` the first
    line of the label cell (a form's label without its hint), `lines` the value."""

    label: str
    head: str
    lines: tuple[str, ...]
    where: str  # «заявка.docx, таблица 1, строка 4»
    stray: tuple[str, ...] = ()  # typed into the label's cell after the form's hint


class Unreadable(RopcliError):
    """Not a Word file, or a broken one: exit 3."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.CANNOT_RUN)


def _is_hint(run: Any) -> bool:
    """A hint of the blank forms: small grey italics (tools/docx_templates/blank_forms.py)."""
    try:
        color = run.font.color.rgb if run.font.color.type is not None else None
    except (AttributeError, ValueError):
        return False
    return bool(run.italic) and str(color or "").upper() == HINT_COLOR


GONE = (qn("w:del"), qn("w:moveFrom"))  # deleted text of tracked changes


def _runs(paragraph: Any) -> list[Any]:
    """Every run of the paragraph, however wrapped — hyperlinks, tracked insertions,
    content controls, smart tags, simple fields — except deleted ones and those of a
    paragraph inside it (a text box)."""
    from docx.text.run import Run

    runs: list[Any] = []
    own = paragraph._p
    for element in own.iter(qn("w:r")):
        parent = element.getparent()
        while parent is not None and parent is not own:
            if parent.tag in GONE or parent.tag == qn("w:p"):
                break
            parent = parent.getparent()
        else:
            runs.append(Run(element, paragraph))
    return runs


def paragraph_text(paragraph: Any) -> tuple[str, bool]:
    """The paragraph's text without the forms' hints, and whether it had one."""
    runs = _runs(paragraph)
    kept = [run.text for run in runs if not _is_hint(run)]
    return "".join(kept), len(kept) < len(runs)


def _lines(tc: Any, budget: tables.Budget, after_hint: list[str] | None = None) -> list[str]:
    """The cell's lines, the forms' hints left out; `after_hint` gets those that follow a
    hint (in a label cell: a value typed under the label instead of the right column)."""
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    hinted = False
    for element in tables.children(tc, qn("w:p"), qn("w:tbl")):
        if element.tag == qn("w:tbl"):  # a table inside a cell: its text as lines
            for row in tables.rows(element, budget):
                for inner in row:
                    lines.extend(_lines(inner.tc, budget))
            continue
        text, hint = paragraph_text(Paragraph(element, NO_PARENT))
        budget.chars(len(text))
        hinted = hinted or hint
        for line in text.replace("\r", "\n").replace("\v", "\n").split("\n"):
            if line.strip():
                lines.append(" ".join(line.split()))
                if hinted and not hint and after_hint is not None:
                    after_hint.append(lines[-1])
    return lines


def _is_number(lines: list[str]) -> bool:
    return len(lines) <= 1 and (not lines or bool(NUMBERING.match(lines[0])))


def _table_entries(tbl: Any, name: str, index: int, budget: tables.Budget) -> list[Entry]:
    """A row per entry: its label cells, and as its value the last cell — leaving out
    columns that are empty in the whole table («графа | значение | пусто»)."""
    read = []
    for row in tables.rows(tbl, budget):
        strays: list[list[str]] = [[] for _ in row]
        texts = [_lines(c.tc, budget, stray) for c, stray in zip(row, strays, strict=True)]
        read.append((row, texts, strays))
    used = {c.start for row, texts, _ in read for c, t in zip(row, texts, strict=True) if t}
    entries = []
    above: set[Any] = set()  # value cells of the previous row
    for number, (row, texts, strays) in enumerate(read, start=1):
        where = f"{name}, таблица {index}, строка {number}"
        pairs = list(zip(row, texts, strict=True))
        while len(pairs) > 2 and not pairs[-1][1] and pairs[-1][0].unused(used):
            pairs.pop()
        kept = [(c.tc, t) for c, t in pairs[:-1] if not _is_number(t) or t == []]
        kept += [(c.tc, t) for c, t in pairs[-1:]]
        current = {c for c, _ in kept}
        if len(kept) >= 2:
            *labels, (value_cell, value) = kept
            label_lines = [line for _, t in labels for line in t]
            if value_cell in above:
                value = []  # a vertical merge: the value was read in the row above
            head = labels[-1][1][0] if labels[-1][1] else ""
            if len(labels) > 1:
                head = " ".join(t[0] for _, t in labels if t)
            stray = () if value else tuple(line for lines in strays[:-1] for line in lines)
            entries.append(Entry(" ".join(label_lines), head, tuple(value), where, stray))
        elif len(kept) == 1 and kept[0][0] not in above:
            entries.extend(_paragraph_entries(kept[0][1], where))
        above = current
    return entries


SPLIT = re.compile(r"^(?P<label>[^:]{2,200}?)\s*:\s*(?P<value>.*)$")


def _paragraph_entries(lines: list[str], where: str) -> list[Entry]:
    """«Label: value» lines (a label with a colon, the value after it or on the next lines
    up to the next such line)."""
    entries: list[Entry] = []
    for line in lines:
        found = SPLIT.match(line)
        if found and not found["label"].lower().startswith(("http", "www")):
            label = found["label"]
            value = [found["value"]] if found["value"].strip() else []
            entries.append(Entry(label, label, tuple(value), where))
        elif entries:
            last = entries[-1]
            entries[-1] = Entry(last.label, last.head, (*last.lines, line), last.where)
        else:
            entries.append(Entry(line, line, (), where))
    return entries


BROKEN = (
    "не документ Word (.docx) или файл повреждён; сохраните его в Word или LibreOffice как "
    "«Документ Word (.docx)» и повторите"
)
OLE2 = b"\xd0\xcf\x11\xe0"  # Word 97–2003 (.doc), whatever the name


def _by_content(shown: str, magic: bytes) -> None:
    """What the file is by its first bytes, not its name: a .docx is a zip."""
    if magic.startswith(OLE2):
        raise Unreadable(
            f"{shown}: это документ старого формата Word (.doc); ropcli читает только .docx — "
            "откройте файл в Word или LibreOffice и сохраните как «Документ Word (.docx)»"
        )
    if magic.startswith(b"%PDF"):
        raise Unreadable(
            f"{shown}: это PDF, из него значения не переносятся — попросите школу прислать "
            "заполненный бланк в формате Word (.docx), тот, что ей отправлен"
        )


def _open(path: Path) -> Any:
    from docx import Document
    from docx.opc.exceptions import OpcError

    shown = path.name
    try:
        if not path.is_file():
            raise Unreadable(f"{shown}: нет такого файла (или это папка)")
        with path.open("rb") as stream:
            _by_content(shown, stream.read(8))
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable(f"{shown}: файл больше {MAX_BYTES // 2**20} МиБ — это не заявка")
        try:
            packed = archive.verified(str(path))
        except archive.TooBig:
            raise Unreadable(
                f"{shown}: распаковывается больше чем в {archive.MAX_UNPACKED // 2**20} МиБ — "
                "это не заявка и не паспорт; файл не читается"
            ) from None
        except archive.Strange as exc:
            raise Unreadable(
                f"{shown}: так Word файлы не сохраняет ({exc}) — файл не читается; сохраните его "
                "в Word или LibreOffice как «Документ Word (.docx)» и повторите"
            ) from None
        return Document(packed)
    except OSError as exc:
        raise Unreadable(f"{shown}: не читается: {os_reason(exc)}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OpcError, KeyError, ValueError, SyntaxError):
        raise Unreadable(f"{shown}: {BROKEN}") from None


def read_entries(path: Path) -> list[Entry]:
    """Every labelled entry of the file, in document order (tables and paragraphs)."""
    document = _open(path)
    try:
        return _entries(document, path.name)
    except tables.TooLarge as exc:
        raise Unreadable(
            f"{path.name}: {exc} — это не заявка и не паспорт; файл не читается"
        ) from None
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, PythonDocxError):
        raise Unreadable(f"{path.name}: {BROKEN}") from None


def _entries(document: Any, name: str) -> list[Entry]:
    from docx.text.paragraph import Paragraph

    budget = tables.Budget()
    entries: list[Entry] = []
    paragraphs: list[str] = []
    hinted: set[int] = set()  # paragraphs with a hint of the forms: a table lost
    count = 0
    body = document.element.body
    for child in tables.children(body, qn("w:p"), qn("w:tbl")):
        if child.tag == qn("w:p"):
            raw, hint = paragraph_text(Paragraph(child, document))
            budget.chars(len(raw))
            text = " ".join(raw.split())
            if hint and text:  # a hint and other text in one paragraph
                hinted.add(len(paragraphs) + 1)
            if text or hint:
                paragraphs.append(text)
        else:
            count += 1
            entries.extend(_table_entries(child, name, count, budget))
    entries[:0] = _loose(paragraphs, name, hinted)
    return entries


CAPTION = re.compile(r"^\(?\s*полное наименование образовательной организации", re.I)
OUTGOING = re.compile(r"^исх\.?\s*(?:№|n|номер)\s*(?P<value>.*)$", re.I)
DATED = re.compile(r"^дата\s*:?\s+(?P<value>[«\"0-9].*)$", re.I)  # not «Дата рождения: …»


GLUED = re.compile(r"[^\W\d_][0-9]|[0-9][А-ЯЁ]|[а-яё.»)][А-ЯЁ]")  # «…»9Технология
LOST_TABLE = "таблица бланка"


def _loose(paragraphs: list[str], name: str, hinted: set[int]) -> list[Entry]:
    """The paragraphs outside tables: «Исх. № …», «Дата …», the organization named above
    the caption «(полное наименование …)», and «label: value» lines.

    A paragraph with a hint of the blank forms is a table of the form that lost its
    borders (a .doc round trip glues the cells of a row into one paragraph): where one
    graph ends and the next begins is lost, so nothing of it is read — it is reported as
    one entry `LOST_TABLE`. A «label: value» whose label is glued text is not read."""
    entries: list[Entry] = []
    if hinted:
        where = f"{name}, абзацы {min(hinted)}–{max(hinted)}"
        entries.append(Entry(LOST_TABLE, LOST_TABLE, (), where, (paragraphs[min(hinted) - 1],)))
    for number, text in enumerate(paragraphs, start=1):
        where = f"{name}, абзац {number}"
        if number in hinted or not text:
            continue
        if ":" in text and GLUED.search(text.split(":", 1)[0]):
            continue
        outgoing, dated = OUTGOING.match(text), DATED.match(text)
        if outgoing:
            entries.append(Entry("Исх. №", "Исх. №", (outgoing["value"],), where))
        elif dated:
            entries.append(Entry("Дата заявки", "Дата заявки", (dated["value"],), where))
        elif CAPTION.match(text) and number > 1:
            label = "Полное наименование образовательной организации"
            entries.append(Entry(label, label, (paragraphs[number - 2],), where))
        elif ":" in text:
            entries.extend(_paragraph_entries([text], where))
    return entries
