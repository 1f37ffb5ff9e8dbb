"""A titled, sortable table for one analytics model, with room for a few controls.

Columns are sized from the model's own texts when its rows change (font metrics, a
fraction of a millisecond), not by the header's "resize to contents", which asks the
model a dozen questions per cell through the binding and cost more than the whole heat
strip on a long treatment. The clinician can still drag them wider.

Nothing is cut off: when the columns are wider than the table, the text columns (theme
names) give up width down to their longest word and wrap onto a second line, headers
wrap at their spaces, and the rows grow to hold the wrapped text.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QRect, QSortFilterProxyModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.gui.common.style import muted
from desktop.gui.timeline.models import _Table

#: Rows measured to size a column (the longest text is usually among the first).
MEASURED_ROWS = 200
#: Room for the colour swatch, padding and the sort arrow.
PADDING = 18
SWATCH = 22
MAX_WIDTH = 260
ROW_HEIGHT = 22
WRAP = int(Qt.TextFlag.TextWordWrap)


def _words(text: str) -> list[str]:
    """Where a line may break: at spaces and after a slash ("Avoidant/" "counterdependent")."""
    return [w for w in re.split(r"\s+|(?<=/)", text) if w]


class TablePanel(QWidget):
    #: Room beside a number column's text (the sort arrow shows in the header only).
    number_padding = PADDING

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
        self.note = muted(note)  # readable on light and dark palettes
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
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag(
            int(Qt.AlignmentFlag.AlignCenter) | WRAP))
        layout.addWidget(self.view, 1)
        model.modelReset.connect(self.fit_columns)
        model.headerDataChanged.connect(self.fit_columns)
        self.proxy.layoutChanged.connect(self.fit_columns)  # sorted: rows change height

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def available_width(self) -> int:
        """The width the columns may take: the table's, less its frame and scroll bar."""
        view = self.view
        bar = view.verticalScrollBar().sizeHint().width()
        return max(0, view.width() - 2 * view.frameWidth() - bar)

    def fit_columns(self) -> None:
        """Size each column to its header and its widest text (of the first rows); if
        they do not fit, let the text columns wrap, down to their longest word."""
        model = self.model
        metrics = self.view.fontMetrics()
        bold = self.view.horizontalHeader().fontMetrics()
        rows = model.rows[:MEASURED_ROWS]
        widths, least = [], []
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            texts = [model.text(row, column) for row in rows]
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            words = max((metrics.horizontalAdvance(w) for t in texts for w in _words(t)),
                        default=0)
            header_word = max((bold.horizontalAdvance(w) for w in title.split()), default=0)
            swatch = SWATCH if column == 0 else 0
            pad = PADDING if column in model.text_columns else self.number_padding
            width = min(max(bold.horizontalAdvance(title), widest + swatch) + pad,
                        MAX_WIDTH)
            floor = max(header_word, words + swatch) + pad
            if column not in model.text_columns:
                floor = max(floor, widest + pad)  # numbers never wrap
            widths.append(width)
            least.append(min(floor, width))
        excess = sum(widths) - self.available_width()
        if excess > 0:
            give = [w - f if c in model.text_columns else 0
                    for c, (w, f) in enumerate(zip(widths, least, strict=True))]
            room = sum(give)
            for column, spare in enumerate(give):
                if room:
                    widths[column] -= min(spare, round(excess * spare / room))
            # Headers too: a wider one wraps at its spaces.
            over = sum(widths) - self.available_width()
            for column in sorted(range(len(widths)), key=lambda c: widths[c] - least[c],
                                 reverse=True):
                if over <= 0:
                    break
                cut = min(over, widths[column] - least[column])
                widths[column] -= cut
                over -= cut
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        self._fit_rows(widths)

    def _fit_rows(self, widths: list[int]) -> None:
        """Rows as tall as their wrapped text (one line unless a text column wraps); the
        header as tall as its wrapped titles."""
        model, view = self.model, self.view
        metrics = view.fontMetrics()
        header = view.horizontalHeader()
        lines = max((header.fontMetrics().boundingRect(
            QRect(0, 0, max(1, w - PADDING), 10_000), WRAP,
            str(model.headerData(c, Qt.Orientation.Horizontal) or "")).height()
            for c, w in enumerate(widths)), default=0)
        header.setMinimumHeight(lines + 8)
        header.setMaximumHeight(lines + 8)
        for row_index in range(view.model().rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row_index, 0)).row()
            if not 0 <= source < len(model.rows):
                continue
            row = model.rows[source]
            tallest = ROW_HEIGHT
            for column in model.text_columns:
                if column >= len(widths):
                    continue
                room = widths[column] - PADDING - (SWATCH if column == 0 else 0)
                text = model.text(row, column)
                if metrics.horizontalAdvance(text) > room:
                    height = metrics.boundingRect(QRect(0, 0, max(1, room), 10_000), WRAP,
                                                  text).height() + 6
                    tallest = max(tallest, height)
            if view.rowHeight(row_index) != tallest:
                view.setRowHeight(row_index, tallest)
