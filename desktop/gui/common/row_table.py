"""How the caseload and the sessions list lay out their tables, said once."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def lay_out_row_table(table: QTableView, samples: Mapping[int, str], stretch: int, *,
                      cell_padding: int, row_padding: int) -> None:
    """One item a row, chosen whole and never edited in place; no grid, no wrapping.

    Column widths come from the font (``samples``: the widest text a column expects), not
    from the rows, since sizing to contents would read every row; ``stretch`` takes the
    rest of the width.
    """
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # the arrows move between rows; Tab goes on
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    metrics = table.fontMetrics()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, sample in samples.items():
        header.resizeSection(column, metrics.horizontalAdvance(sample) + cell_padding)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(metrics.height() + row_padding)
