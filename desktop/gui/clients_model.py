"""The caseload as a table model, and the proxy behind search-as-you-type and the status filter."""

from __future__ import annotations

import uuid
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from db.services.dto import ClientDTO

Index = QModelIndex | QPersistentModelIndex
STATUS_LABELS = {"active": "Active", "paused": "Paused", "closed": "Closed"}


class ClientColumn(IntEnum):
    CODE = 0
    NAME = 1
    STATUS = 2
    SESSIONS = 3
    LAST = 4


HEADERS = {ClientColumn.CODE: "Code", ClientColumn.NAME: "Name", ClientColumn.STATUS: "Status",
           ClientColumn.SESSIONS: "Sessions", ClientColumn.LAST: "Last session"}


class ClientsModel(QAbstractTableModel):
    """Rows are :class:`ClientDTO`; real names are given out only with privacy off."""

    ClientIdRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = Qt.ItemDataRole.UserRole + 2
    SearchRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientDTO] = []
        self._privacy = True

    def set_rows(self, rows: list[ClientDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_privacy(self, on: bool) -> None:
        self._privacy = on
        if self._rows:
            column = ClientColumn.NAME
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    @property
    def privacy(self) -> bool:
        return self._privacy

    def row_of(self, client_id: uuid.UUID) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == client_id), -1)

    def client(self, row: int) -> ClientDTO:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(ClientColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(ClientColumn)):
            return HEADERS[ClientColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        client = self._rows[index.row()]
        column = ClientColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(client, column)
        if role == self.ClientIdRole:
            return client.id
        if role == self.StatusRole:
            return client.status
        if role == self.SearchRole:
            return client.code.lower() if self._privacy else \
                f"{client.code}\n{client.display_name}".lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ClientColumn.SESSIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, client: ClientDTO, column: ClientColumn) -> Any:
        if column == ClientColumn.CODE:
            return client.code
        if column == ClientColumn.NAME:
            return "" if self._privacy else client.display_name
        if column == ClientColumn.STATUS:
            return STATUS_LABELS.get(client.status, client.status)
        if column == ClientColumn.SESSIONS:
            return client.session_count
        last = client.last_session_date
        return last.strftime("%d %b %Y") if last else ""


class ClientFilter(QSortFilterProxyModel):
    """Filters by typed text (code, and name with privacy off) and a set of statuses."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._statuses: frozenset[str] = frozenset()

    def set_text(self, text: str) -> None:
        self._begin()
        self._text = text.strip().lower()
        self._end()

    def set_statuses(self, statuses: frozenset[str]) -> None:
        """Show only these statuses (empty: all)."""
        self._begin()
        self._statuses = statuses
        self._end()

    def refilter(self) -> None:
        self._begin()
        self._end()

    # Qt 6.10 replaced invalidateRowsFilter() with begin/endFilterChange().
    def _begin(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 (Qt)
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if self._statuses and model.data(index, ClientsModel.StatusRole) not in self._statuses:
            return False
        return not self._text or self._text in model.data(index, ClientsModel.SearchRole)
