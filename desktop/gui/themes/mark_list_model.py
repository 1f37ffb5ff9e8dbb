"""The marks of one session as a list: theme, intensity, and the passage or "whole session"."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from db.services.marks import MarkDTO
from db.services.passages import LOST_MESSAGE
from desktop.gui.themes.swatch import swatch

Index = QModelIndex | QPersistentModelIndex
QUOTE_LENGTH = 60


def where(mark: MarkDTO) -> str:
    """Where the mark applies, in the clinician's words."""
    if mark.passage.lost:
        return f"{LOST_MESSAGE} (was “{_short(mark.passage.quote)}”)"
    if mark.passage.anchor is None:
        return "whole session"
    return f"“{_short(mark.passage.anchor.text)}”"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


class MarkListModel(QAbstractListModel):
    class Column(IntEnum):
        MARK = 0

    MarkRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    IsPassageRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[MarkDTO] = []

    def set_rows(self, rows: list[MarkDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MarkDTO]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        mark = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            archived = "" if mark.theme_offered else " (archived)"
            return (f"{mark.theme_name}{archived} · {mark.intensity_word}\n{where(mark)}"
                    + (f"\n{mark.comment}" if mark.comment else ""))
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(mark.theme_color, faded=not mark.theme_offered)
        if role == Qt.ItemDataRole.ToolTipRole:
            return mark.comment or None
        if role == Qt.ItemDataRole.FontRole and mark.passage.lost:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{mark.theme_name}, {mark.intensity_word}, {where(mark)}"
        if role == self.MarkRole:
            return mark
        if role == self.IdRole:
            return mark.id
        if role == self.IsPassageRole:
            return mark.passage.anchor is not None
        return None
