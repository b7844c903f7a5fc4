"""A table written as plain aligned lines, exactly as rich draws it when no cell wraps.

rich lays out every row of a table before it writes one (about 4 s for 10,000 status rows,
10 s for 100,000 report rows). Off a terminal the table is only text, so once the widths are
known (`ropcli.output.views.tables` measures the columns in one pass) the lines are written
here: the title, the header, the rule under it, then each row — the same characters rich
writes for the same widths (`tests/test_plain_table.py` compares them), trailing blanks
dropped as `ropcli.output.views.console.put` drops them. A tab in a value is expanded to
spaces before the columns are measured, by both ways of drawing (`untab`, as rich expands
tabs), so the columns stay aligned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO

from rich.cells import cell_len

RULE = "─"
TAB = 8  # rich's tab size (Console.tab_size)


def untab(text: str) -> str:
    """`text` with each tab turned into spaces up to the next multiple of 8 cells of its
    line, exactly as `rich.text.Text.expand_tabs` turns it (wide characters take 2 cells)."""
    if "\t" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        pieces = line.split("\t")
        position = 0
        expanded = []
        for piece in pieces[:-1]:
            position += cell_len(piece) + 1
            spaces = 1 + (-position % TAB)
            position += spaces - 1
            expanded.append(piece + " " * spaces)
        lines.append("".join(expanded) + pieces[-1])
    return "\n".join(lines)


class _Widths(dict[str, int]):
    """Each distinct text measured once: a column repeats its dates, states and names."""

    def __missing__(self, text: str) -> int:
        self[text] = width = cell_len(text)
        return width


def fits(title: str, cells: Iterable[Sequence[str]], widths: Sequence[int], gap: int) -> bool:
    """Whether the plain lines are what rich would draw: no cell wraps (each fits its column
    on one line) and the title fits on one line above the table."""
    total = sum(widths) + gap * (len(widths) - 1)
    if "\n" in title or cell_len(title) > total:
        return False
    measured = _Widths()
    return all(
        "\n" not in text and measured[text] <= width
        for line in cells
        for text, width in zip(line, widths, strict=True)
    )


def _line(
    texts: Sequence[str], widths: Sequence[int], right: Sequence[bool], gap: int, measured: _Widths
) -> str:
    parts = []
    for text, width, to_right in zip(texts, widths, right, strict=True):
        text = text.rstrip() if to_right else text  # rich justifies a stripped line right
        pad = " " * (width - measured[text])
        parts.append(pad + text if to_right else text + pad)
    return (" " * gap).join(parts).rstrip()


def write(
    stream: IO[str],
    title: str,
    headers: Sequence[str],
    right: Sequence[bool],
    cells: Iterable[Sequence[str]],
    widths: Sequence[int],
    gap: int,
) -> None:
    measured = _Widths()
    total = sum(widths) + gap * (len(widths) - 1)
    stream.write(f"{title}\n{_line(headers, widths, right, gap, measured)}\n{RULE * total}\n")
    batch: list[str] = []
    for line in cells:
        batch.append(_line(line, widths, right, gap, measured))
        if len(batch) == 1000:
            stream.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        stream.write("\n".join(batch) + "\n")
