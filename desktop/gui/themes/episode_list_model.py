"""A session's relationship episodes as a list: who, and W → RO → RS."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

from db.services.episodes import EpisodeDTO, ThemeRef
from desktop.gui.themes.row_list_model import Index, RowListModel
from desktop.gui.themes.swatch import swatch

NO_THEME = "—"


def summary(episode: EpisodeDTO) -> str:
    """"With Mother (transference) / wish → other → self" in two lines."""
    def name(ref: ThemeRef | None) -> str:
        return ref.name if ref else NO_THEME

    flag = " · transference" if episode.is_transference else ""
    return (f"With {episode.other_person}{flag}\n{name(episode.wish)} → "
            f"{name(episode.response_of_other)} → {name(episode.response_of_self)}")


class EpisodeListModel(RowListModel):
    class Column(IntEnum):
        EPISODE = 0

    EpisodeRole = Qt.ItemDataRole.UserRole + 1
    TransferenceRole = Qt.ItemDataRole.UserRole + 2

    def rows(self) -> list[EpisodeDTO]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        episode: EpisodeDTO | None = self.row_at(index)
        if episode is None:
            return None
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
