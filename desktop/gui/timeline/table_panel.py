"""A titled, sortable table for one analytics model, with room for a few controls.

Columns are sized from the model's own texts when its rows change (font metrics, a
fraction of a millisecond), not by the header's "resize to contents", which asks the
model a dozen questions per cell through the binding and cost more than the whole heat
strip on a long treatment. The clinician can still drag them wider.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.gui.timeline.models import _Table

#: Rows measured to size a column (the longest text is usually among the first).
MEASURED_ROWS = 200
#: Room for the colour swatch, padding and the sort arrow.
PADDING = 18
SWATCH = 22
MAX_WIDTH = 260


class TablePanel(QWidget):
    def __init__(self, title: str, model: _Table[Any], note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = self.body = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.controls = QHBoxLayout()
        self.title = QLabel(f"<b>{title}</b>")
        self.controls.addWidget(self.title)
        self.controls.addStretch(1)
        layout.addLayout(self.controls)
        #: Whose sessions and which: every panel says it (set by the view on each load).
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5c6370;")
        layout.addWidget(self.note)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(_Table.SortRole)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setTabKeyNavigation(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        model.modelReset.connect(self.fit_columns)
        model.headerDataChanged.connect(self.fit_columns)

    def fit_columns(self) -> None:
        """Size each column to its header and its widest text (of the first rows)."""
        model = self.model
        metrics = self.view.fontMetrics()
        bold = self.view.horizontalHeader().fontMetrics()
        rows = model.rows[:MEASURED_ROWS]
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal) or ""
            widest = max((metrics.horizontalAdvance(model.text(row, column)) for row in rows),
                         default=0)
            if column == 0:
                widest += SWATCH
            width = max(bold.horizontalAdvance(str(title)) + PADDING, widest + PADDING)
            self.view.setColumnWidth(column, min(width, MAX_WIDTH))
