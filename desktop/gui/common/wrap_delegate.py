"""Rows of a tree that grow to hold their whole text, wrapped at the column's width.

A ``QTreeView`` with ``wordWrap`` paints wrapped text only when the row is tall enough,
and its rows are as tall as one line unless the delegate says otherwise: long goals were
cut to one line with "…".
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

PADDING = 8  # above and below the text, and the item's own margins across


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.header().sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt naming)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return base
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self._tree.indentation() * (depth + (1 if index.column() == 0 else 0))
        width = self._tree.header().sectionSize(index.column()) - indent - 2 * PADDING
        if width <= 0:
            return base
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000),
                                                 int(Qt.TextFlag.TextWordWrap), str(text))
        return QSize(base.width(), max(base.height(), bounds.height() + PADDING))
