"""Off a terminal a table is written as plain lines (`ropcli.output.views.plain_table`) when
no cell wraps — and those lines are exactly what rich draws for the same table, at any width
(property test over random cells, wide characters and right-aligned columns included); where
a cell must wrap rich still draws it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ropcli.output.views import plain_table, tables
from ropcli.output.views.console import put
from ropcli.output.views.tables import Column
from ropcli.register.at_date import report_rows, status_rows
from tests.test_table_widths import SAMPLE_REGISTRY, overview

Row = tuple[str, str, str, str]
COLUMNS = [
    Column[Row]("Площадка", lambda r: r[0]),
    Column[Row]("Организация", lambda r: r[1], drop_rank=2, wrap=True),
    Column[Row]("Срок", lambda r: r[2], drop_rank=1, right=True),
    Column[Row]("Осталось дней", lambda r: r[3], wrap=True, right=True),
]
WORD = st.text(alphabet=st.sampled_from("abЖЮ«»№-中"), min_size=1, max_size=12)
CELL = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
ID = st.text(alphabet=st.sampled_from("abcz019-"), min_size=1, max_size=20)
NUMBER = st.integers(0, 10**5).map(str)


def both(width: int, title: str, columns: list[Column[Row]], rows: list[Row]) -> tuple[str, str]:
    consoles = [
        Console(file=io.StringIO(), width=width, no_color=True, highlight=False, emoji=False)
        for _ in range(2)
    ]
    tables.draw(consoles[0], title, columns, rows)
    put(consoles[1], tables.fitted(consoles[1], title, columns, rows))
    return consoles[0].file.getvalue(), consoles[1].file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(ID, CELL, NUMBER, NUMBER), min_size=1, max_size=10),
    st.integers(10, 220),
    st.sampled_from(["Состояние площадок на 01.09.2026", "t", "очень длинный заголовок " * 5]),
)
def test_plain_lines_are_what_rich_draws(rows: list[Row], width: int, title: str) -> None:
    plain, rich = both(width, title, COLUMNS, rows)
    assert plain == rich


@pytest.mark.parametrize("on", [date(2026, 9, 1), date(2024, 1, 1)])
def test_sample_register_tables_in_a_pipe(on: date) -> None:
    sample = overview(SAMPLE_REGISTRY)
    for columns, rows in (
        (tables.STATUS_COLUMNS, status_rows(sample, on)),
        (tables.REPORT_COLUMNS, report_rows(sample, on)),
    ):
        for width in (60, 80, 120, 200):
            plain, rich = both(width, "Заголовок", columns, rows)  # type: ignore[arg-type]
            assert plain == rich
        # At the width a pipe gets, nothing wraps: the plain lines are what is written.
        cells = [[str(c.cell(r)) for c in columns] for r in rows]  # type: ignore[arg-type]
        sizes = tables.measures(columns, cells)  # type: ignore[arg-type]
        keep, gap, widths = tables.layout(200, columns, sizes)
        assert widths is not None
        assert plain_table.fits(
            "Заголовок", [[line[i] for i in keep] for line in cells], widths, gap
        )


TABBED = st.lists(
    st.tuples(WORD, st.sampled_from([" ", "\t", "\t\t", " \t"])).map("".join),
    min_size=1,
    max_size=4,
).map(lambda words: "".join(words).strip(" "))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(TABBED, TABBED, TABBED, NUMBER), min_size=1, max_size=8),
    st.integers(10, 220),
)
def test_tabs_are_expanded_alike_in_plain_lines_and_by_rich(rows: list[Row], width: int) -> None:
    plain, rich = both(width, "t", COLUMNS, rows)
    assert plain == rich
    assert "\t" not in plain


@given(st.text(st.sampled_from("ab中\t\n "), max_size=40))
def test_untab_is_richs_own_expansion(text: str) -> None:
    expanded = Text(text)
    expanded.expand_tabs()
    assert plain_table.untab(text) == expanded.plain


def test_a_tab_in_a_value_keeps_the_columns_aligned() -> None:
    rows: list[Row] = [
        ("alpha", "МБОУ\t«СОШ № 1»", "01.09.2026", "5"),
        ("beta-two", "МБОУ «СОШ № 22»", "01.09.2026", "17"),
        ("g", "中\tx", "01.09.2026", "300"),
    ]
    plain, rich = both(120, "t", COLUMNS, rows)
    assert plain == rich
    lines = plain.splitlines()[3:]
    assert len({cell_len(line[: line.index("01.09.2026")]) for line in lines}) == 1, plain
    assert "МБОУ    «СОШ № 1»" in plain  # to the next multiple of 8 cells
