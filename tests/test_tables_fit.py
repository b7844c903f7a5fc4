"""A table is measured on each column's widest row only: the same width as on every row
(`fitted` compares the widest a table can be with the terminal's width)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from ropcli.output.views.tables import UNLIMITED, Column, _build, _widest

COLUMNS = [
    Column[tuple[str, str, str]]("Площадка", lambda r: r[0]),
    Column[tuple[str, str, str]]("Организация", lambda r: r[1], drop_rank=2, wrap=True),
    Column[tuple[str, str, str]]("Муниципалитет", lambda r: r[2], drop_rank=1, wrap=True),
]
CELL = st.text(alphabet=st.sampled_from("ab ЖЮ«»№\u4e2d-"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL), max_size=12))
def test_widest_rows_measure_as_all_rows(rows: list[tuple[str, str, str]]) -> None:
    console = Console(width=80)
    unlimited = console.options.update_width(UNLIMITED)
    for count in range(1, len(COLUMNS) + 1):
        shown = COLUMNS[:count]
        every = _build("t", shown, rows, lambda _: None, probe=True)
        few = _build("t", shown, _widest(shown, rows), lambda _: None, probe=True)
        widths = [console.measure(t, options=unlimited).maximum for t in (few, every)]
        assert widths[0] == widths[1]  # what `fitted` compares with the terminal's width
