"""A session's relationship episodes as a list: who, and W → RO → RS."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from db.services.episodes import EpisodeDTO, ThemeRef
from desktop.gui.themes.swatch import swatch

Index = QModelIndex | QPersistentModelIndex
NO_THEME = "—"


def summary(episode: EpisodeDTO) -> str:
    """"With Mother (transference) / wish → other → self" in two lines."""
    def name(ref: ThemeRef | None) -> str:
        return ref.name if ref else NO_THEME

    flag = " · transference" if episode.is_transference else ""
    return (f"With {episode.other_person}{flag}\n{name(episode.wish)} → "
            f"{name(episode.response_of_other)} → {name(episode.response_of_self)}")


class EpisodeListModel(QAbstractListModel):
    class Column(IntEnum):
        EPISODE = 0

    EpisodeRole = Qt.ItemDataRole.UserRole + 1
    TransferenceRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[EpisodeDTO] = []

    def set_rows(self, rows: list[EpisodeDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[EpisodeDTO]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        episode = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary(episode)
        if role == Qt.ItemDataRole.DecorationRole and episode.wish is not None:
            return swatch(episode.wish.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return episode.narrative or None
        if role == self.EpisodeRole:
            return episode
        if role == self.TransferenceRole:
            return episode.is_transference
        return None
