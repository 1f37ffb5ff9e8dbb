"""The hits of a search as a Qt list model (one column; the delegate paints each row)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from db.search.dto import KIND_LABELS, SearchHit
from desktop.gui.common.dates import short_date

Index = QModelIndex | QPersistentModelIndex


def place_of(hit: SearchHit) -> str:
    """Where a hit is, in words: "Session 12 · 3 Mar 2025 · Process note"."""
    if hit.session_id is None or hit.date is None:
        return KIND_LABELS[hit.kind]
    return f"Session {hit.number} · {short_date(hit.date)} · {KIND_LABELS[hit.kind]}"


class SearchResultsModel(QAbstractListModel):
    """Rows are :class:`SearchHit` DTOs; ``HitRole`` gives the DTO itself."""

    class Column(IntEnum):
        HIT = 0

    HitRole = Qt.ItemDataRole.UserRole + 1
    SpansRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[SearchHit] = []

    def set_rows(self, rows: list[SearchHit]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        hit = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.client_code} · {place_of(hit)}\n{hit.snippet}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.client_code}, {place_of(hit)}: {hit.snippet}"
        if role == self.HitRole:
            return hit
        if role == self.SpansRole:
            return list(hit.spans)
        return None
