"""A table is fitted from each column's measures, taken in one pass over the cells: at any
width it is never wider than the window, and where the ids and dates fit at all no cell
that must not wrap is cut (property test over random cells and widths)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from ropcli.output.views.tables import Column, fitted, measures, widths_within

Row = tuple[str, str, str]
COLUMNS = [
    Column[Row]("Площадка", lambda r: r[0]),
    Column[Row]("Организация", lambda r: r[1], drop_rank=2, wrap=True),
    Column[Row]("Муниципалитет", lambda r: r[2], drop_rank=1, wrap=True),
]
WORD = st.text(alphabet=st.sampled_from("abЖЮ«»№-"), min_size=1, max_size=12)
CELL = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
ID = st.text(alphabet=st.sampled_from("abcz019-"), min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ID, CELL, CELL), min_size=1, max_size=12), st.integers(20, 140))
def test_fitted_never_wider_and_never_cuts_an_id(rows: list[Row], width: int) -> None:
    cells = [[c.cell(r) for c in COLUMNS] for r in rows]
    sizes = measures(COLUMNS, cells)
    stream = io.StringIO()
    console = Console(file=stream, width=width, no_color=True, emoji=False, highlight=False)
    console.print(fitted(console, "t", COLUMNS, rows))
    lines = stream.getvalue().splitlines()
    assert all(cell_len(line) <= width for line in lines)
    if sizes[0][1] <= width:  # the ids alone fit: each is shown whole
        words = {word for line in lines for word in line.split()}
        assert {r[0] for r in rows} <= words


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6), st.integers(0, 99))
def test_widths_within_room_and_measures(pairs: list[tuple[int, int]], room: int) -> None:
    sizes = [(min(a, b), max(a, b)) for a, b in pairs]
    widths = widths_within(sizes, room)
    if sum(least for least, _ in sizes) > room:
        assert widths is None
        return
    assert widths is not None and sum(widths) <= room
    assert all(least <= w <= most for w, (least, most) in zip(widths, sizes, strict=True))
