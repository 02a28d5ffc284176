"""Plain-text tables (cli/render/table.py): every column lines up under its header, each
as wide as its widest cell, justified as asked, with no trailing spaces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.cli.render.table import LEFT, RIGHT, table


def test_a_table_reads_as_its_title_header_rule_and_rows() -> None:
    lines = table("Ada: planned and done", [("week", RIGHT), ("from", RIGHT), ("note", LEFT)],
                  [("1", "02 Nov", "easy"), ("10", "09 Nov", "")])
    assert lines == ["Ada: planned and done",
                     "week    from  note",
                     "----  ------  ----",
                     "   1  02 Nov  easy",
                     "  10  09 Nov"]


def test_a_row_must_have_a_cell_per_column() -> None:
    with pytest.raises(ValueError, match="a row has 1 cells for 2 columns"):
        table("t", [("a", LEFT), ("b", LEFT)], [("x",)])


_cell = st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=8)


@given(st.lists(st.sampled_from([LEFT, RIGHT]), min_size=1, max_size=5).flatmap(
    lambda how: st.tuples(st.just(how), st.lists(_cell, min_size=len(how), max_size=len(how)),
                          st.lists(st.lists(_cell, min_size=len(how), max_size=len(how)),
                                   max_size=6))))
def test_every_column_lines_up(shape: tuple[list[str], list[str], list[list[str]]]) -> None:
    how, headers, rows = shape
    title, *lines = table("title", list(zip(headers, how, strict=True)), rows)
    assert title == "title"
    assert len(lines) == len(rows) + 2
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    for cells, line in zip([headers, ["-" * w for w in widths], *rows], lines, strict=True):
        assert not line.endswith(" ")
        start = 0
        for cell, width, justify in zip(cells, widths, how, strict=True):
            field = line[start:start + width].ljust(width)  # the last may have been trimmed
            assert field == (cell.rjust(width) if justify == RIGHT else cell.ljust(width))
            start += width + 2
