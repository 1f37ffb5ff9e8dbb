"""The lines of Compare periods…: a heading line per section, then its lines.

Each cell is a text of :class:`db.analytics.compare_rows.CompareLine`, shown as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from db.analytics.compare_rows import CompareLine

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("", "First period", "Second period", "Difference")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CompareModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        #: A section's name (a heading line) or one of its lines, in the order shown.
        self.items: list[str | CompareLine] = []

    def set_lines(self, lines: tuple[CompareLine, ...]) -> None:
        self.beginResetModel()
        self.items = []
        for line in lines:
            if not self.items or self._section_of(len(self.items) - 1) != line.section:
                self.items.append(line.section)
            self.items.append(line)
        self.endResetModel()

    def lines(self) -> list[CompareLine]:
        return [item for item in self.items if isinstance(item, CompareLine)]

    def _section_of(self, row: int) -> str:
        item = self.items[row]
        return item if isinstance(item, str) else item.section

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def text(self, row: int, column: int) -> str:
        item = self.items[row]
        if isinstance(item, str):
            return item if column == 0 else ""
        return (f"    {item.label}", item.first, item.second, item.difference)[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.FontRole and isinstance(self.items[index.row()], str):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        return None
