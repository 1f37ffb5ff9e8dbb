"""The marks of one session as a list: theme, intensity, and the passage or "whole session"."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from db.services.marks import MarkDTO
from db.services.passages import LOST_MESSAGE
from desktop.gui.themes.row_list_model import Index, RowListModel
from desktop.gui.themes.swatch import swatch

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


class MarkListModel(RowListModel):
    class Column(IntEnum):
        MARK = 0

    MarkRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    IsPassageRole = Qt.ItemDataRole.UserRole + 3

    def rows(self) -> list[MarkDTO]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        mark: MarkDTO | None = self.row_at(index)
        if mark is None:
            return None
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
