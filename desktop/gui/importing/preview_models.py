"""The tables of the folder-import preview: the sessions it will create, the files it skips."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from db.interchange.folder_scan import PlannedSession, SkippedFile

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _TableModel(QAbstractTableModel):
    """Rows of frozen DTOs; subclasses name the columns and say what a cell shows."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError


class SessionColumn(IntEnum):
    FOLDER = 0
    CLIENT = 1
    DATE = 2
    FILE = 3
    WORDS = 4


class PlannedSessionsModel(_TableModel):
    """One row per session the import creates (:class:`PlannedSession`)."""

    HEADERS = ("Folder", "Client", "Date", "File", "Words")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._new: frozenset[str] = frozenset()

    def set_plan(self, sessions: list[PlannedSession], new_codes: frozenset[str]) -> None:
        self._new = new_codes
        self.set_rows(sessions)

    def cell(self, row: PlannedSession, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SessionColumn.FOLDER:
                return row.folder
            if column == SessionColumn.CLIENT:
                known = "new" if row.client_code in self._new else "existing"
                return f"{row.client_code} · {known}"
            if column == SessionColumn.DATE:
                return f"{row.date.day} {row.date:%b %Y}"
            if column == SessionColumn.FILE:
                return row.source.rsplit("/", 1)[-1]
            return row.words
        if role == Qt.ItemDataRole.ToolTipRole and column == SessionColumn.FILE:
            return row.source
        if role == Qt.ItemDataRole.ToolTipRole and column == SessionColumn.DATE:
            second = f", session {row.order} of that day" if row.order > 1 else ""
            return f"{row.date:%A %Y-%m-%d}{second}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SessionColumn.WORDS:
            return _RIGHT
        return None


class SkippedColumn(IntEnum):
    FILE = 0
    REASON = 1


class SkippedFilesModel(_TableModel):
    """One row per file (or folder) the import skips, with the reason."""

    HEADERS = ("File", "Why it is skipped")

    def cell(self, row: SkippedFile, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.source if column == SkippedColumn.FILE else reason_words(row.reason)
        return None


def reason_words(reason: str) -> str:
    """A skip reason for a table cell: "is empty" becomes "Empty"."""
    text = reason.removeprefix("is ")
    return text[:1].upper() + text[1:]
