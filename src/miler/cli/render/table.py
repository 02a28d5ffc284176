"""Tables as plain aligned text: a title line, a header, a rule and the rows.

Rich laid out ``miler progress``'s 61 rows in about 180 ms (the table measured against
the terminal, cell by cell); aligned text takes a tenth of a millisecond and reads the
same in a terminal, a pipe or a file (issue 22). Widths are counted in characters:
the cells these tables hold (numbers, dates, times, the band) are one column each.
"""

from __future__ import annotations

__all__ = ["LEFT", "RIGHT", "table"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Iterable, Sequence

LEFT, RIGHT = "<", ">"
_GAP = "  "  # between columns


def table(title: str, columns: Sequence[tuple[str, str]],
          rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a table: ``title``, the headers, a rule under each and the rows. Each
    column (its header and ``LEFT`` or ``RIGHT``) is as wide as its widest cell; columns
    are two spaces apart and no line ends in spaces. A row has a cell per column."""
    body = [tuple(row) for row in rows]
    for row in body:
        if len(row) != len(columns):
            raise ValueError(f"a row has {len(row)} cells for {len(columns)} columns")
    widths = [max([len(header), *(len(row[i]) for row in body)])
              for i, (header, _) in enumerate(columns)]
    align = [justify for _, justify in columns]

    def line(cells: Sequence[str]) -> str:
        return _GAP.join(cell.rjust(width) if how == RIGHT else cell.ljust(width)
                         for cell, width, how in zip(cells, widths, align, strict=True)
                         ).rstrip()

    return [title, line([header for header, _ in columns]),
            line(["-" * width for width in widths]), *(line(row) for row in body)]
