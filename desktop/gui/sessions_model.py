"""A client's sessions as a table model, newest first."""

from __future__ import annotations

import uuid
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.services.dto import SessionDTO

Index = QModelIndex | QPersistentModelIndex
ATTENDANCE_LABELS = {"attended": "Attended", "cancelled": "Cancelled", "no_show": "No-show"}


class SessionColumn(IntEnum):
    DATE = 0
    NUMBER = 1
    ATTENDANCE = 2
    THEMES = 3


HEADERS = {SessionColumn.DATE: "Date", SessionColumn.NUMBER: "No.",
           SessionColumn.ATTENDANCE: "Attendance", SessionColumn.THEMES: "Themes"}


class SessionsModel(QAbstractTableModel):
    """Rows are :class:`SessionDTO`, kept in the order given (the service gives newest first)."""

    SessionIdRole = Qt.ItemDataRole.UserRole + 1
    ChipsRole = Qt.ItemDataRole.UserRole + 2
    FinalizedRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionDTO] = []

    def set_rows(self, rows: list[SessionDTO]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda s: (s.date, s.number), reverse=True)
        self.endResetModel()

    def update_row(self, session: SessionDTO) -> bool:
        """Replace one row in place (e.g. after an autosave); False if it is not shown or
        its place in the order changed, in which case the caller reloads the list."""
        row = self.row_of(session.id)
        if row < 0:
            return False
        old = self._rows[row]
        if (old.date, old.number) != (session.date, session.number):
            return False
        self._rows[row] = session
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(SessionColumn) - 1))
        return True

    def row_of(self, session_id: uuid.UUID) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == session_id), -1)

    def session(self, row: int) -> SessionDTO:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(SessionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(SessionColumn)):
            return HEADERS[SessionColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        session = self._rows[index.row()]
        column = SessionColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SessionColumn.DATE:
                return f"{session.date.day} {session.date:%b %Y}"
            if column == SessionColumn.NUMBER:
                return session.number
            if column == SessionColumn.ATTENDANCE:
                return ATTENDANCE_LABELS.get(session.attendance, session.attendance)
            return ", ".join(chip.name for chip in session.chips)
        if role == Qt.ItemDataRole.ToolTipRole and column == SessionColumn.DATE:
            return f"{session.date:%A}, session {session.number}, {session.duration_minutes} min"
        if role == Qt.ItemDataRole.ToolTipRole and column == SessionColumn.THEMES:
            return "\n".join(f"{c.name} ({'●' * c.intensity})" for c in session.chips) or None
        if role == self.SessionIdRole:
            return session.id
        if role == self.ChipsRole:
            return session.chips
        if role == self.FinalizedRole:
            return session.finalized_at is not None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SessionColumn.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
