"""Folding a client's marks into timeline cells, vectorised with numpy.

A long treatment has tens of thousands of marks. Grouping them in SQL was measured to be
an order of magnitude slower in SQLite than here, and a plain Python loop over the rows
(a dict of cells, a tuple key per mark) cost three times what these few array operations
do. The rule they implement is in ``docs/timeline.md``: a cell's intensity is the highest
of its marks, it counts its marks and its passage marks, and it keeps the earliest
passage (process note before progress note, then by position).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

#: (session number, theme id as hex, intensity, note order or -1, anchor start, quote)
MarkRow = Sequence[Any]


class Cells(NamedTuple):
    """The cells of one theme as parallel tuples, in column order (see ``ThemeRow``)."""

    columns: tuple[int, ...]
    intensities: tuple[int, ...]
    passage_marks: tuple[int, ...]
    passage_texts: tuple[str, ...]
    passage_starts: tuple[int | None, ...]
    marks: tuple[int, ...]


def fold_marks(marks: Sequence[MarkRow], column_of: dict[int, int],
               theme_of_hex: dict[str, int]) -> dict[int, Cells]:
    """Cells by theme index (``theme_of_hex``'s values), each in column order.

    ``note order`` is 0 for a live passage of the process note, 1 of the progress note,
    and -1 for a session mark (or a passage whose words are gone).
    """
    if not marks:
        return {}
    numbers, theme_hexes, intensities, orders, starts, quotes = zip(*marks, strict=True)
    count = len(marks)
    columns = max(len(column_of), 1)
    theme = np.fromiter(map(theme_of_hex.__getitem__, theme_hexes), np.int64, count)
    column = np.fromiter(map(column_of.__getitem__, numbers), np.int64, count)
    # One key per (theme, column); sorted unique keys are the cells in row, then column order.
    keys, cell_of = np.unique(theme * columns + column, return_inverse=True)
    strongest = np.zeros(len(keys), np.int8)
    np.maximum.at(strongest, cell_of, np.array(intensities, np.int8))
    order = np.array(orders, np.int8)
    on_passage = np.flatnonzero(order >= 0)
    passages = np.bincount(cell_of[on_passage], minlength=len(keys))
    marks_of = np.bincount(cell_of, minlength=len(keys))
    quote_of: list[str] = [""] * len(keys)
    start_of: list[int | None] = [None] * len(keys)
    if on_passage.size:
        start = np.fromiter((starts[i] for i in on_passage.tolist()), np.int64, on_passage.size)
        cell = cell_of[on_passage]
        ranked = np.lexsort((start, order[on_passage], cell))
        ranked_cells = cell[ranked]
        first = np.flatnonzero(np.r_[True, ranked_cells[1:] != ranked_cells[:-1]])
        for index, mark, position in zip(ranked_cells[first].tolist(),
                                         on_passage[ranked][first].tolist(),
                                         start[ranked][first].tolist(), strict=True):
            quote_of[index] = quotes[mark] or ""
            start_of[index] = position
    theme_of_cell = keys // columns
    bounds = [0, *(np.flatnonzero(np.diff(theme_of_cell)) + 1).tolist(), len(keys)]
    column_list = (keys % columns).tolist()
    strongest_list = strongest.tolist()
    passages_list = passages.tolist()
    marks_list = marks_of.tolist()
    return {int(theme_of_cell[low]): Cells(
                tuple(column_list[low:high]), tuple(strongest_list[low:high]),
                tuple(passages_list[low:high]), tuple(quote_of[low:high]),
                tuple(start_of[low:high]), tuple(marks_list[low:high]))
            for low, high in zip(bounds, bounds[1:], strict=False)}
