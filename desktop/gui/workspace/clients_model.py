"""The caseload as a table model, and the proxy behind search-as-you-type and the status filter."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from db.services.dto import ClientDTO
from desktop.gui.common.dates import short_date
from desktop.gui.common.dto_table import Column, DtoTableModel
from desktop.gui.common.labels import CLIENT_STATUS_LABELS

Index = QModelIndex | QPersistentModelIndex


class ClientColumn(IntEnum):
    CODE = 0
    NAME = 1
    STATUS = 2
    SESSIONS = 3
    LAST = 4


class ClientsModel(DtoTableModel[ClientDTO]):
    """Rows are :class:`ClientDTO`; real names are given out only with privacy off."""

    ClientIdRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = Qt.ItemDataRole.UserRole + 2
    SearchRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        self._privacy = True
        columns: dict[ClientColumn, Column[ClientDTO]] = {
            ClientColumn.CODE: Column("Code", lambda c: c.code),
            ClientColumn.NAME: Column("Name", lambda c: "" if self._privacy else c.display_name),
            ClientColumn.STATUS: Column(
                "Status", lambda c: CLIENT_STATUS_LABELS.get(c.status, c.status)),
            ClientColumn.SESSIONS: Column("Sessions", lambda c: c.session_count, numeric=True),
            ClientColumn.LAST: Column(
                "Last session",
                lambda c: short_date(c.last_session_date) if c.last_session_date else ""),
        }
        super().__init__([columns[c] for c in ClientColumn], parent, key=lambda c: c.id)

    def set_privacy(self, on: bool) -> None:
        self._privacy = on
        self.refresh_column(ClientColumn.NAME)

    @property
    def privacy(self) -> bool:
        return self._privacy

    def client(self, row: int) -> ClientDTO:
        return self.row(row)

    def role_data(self, row: ClientDTO, column: int, role: int) -> Any:
        if role == self.ClientIdRole:
            return row.id
        if role == self.StatusRole:
            return row.status
        if role == self.SearchRole:
            return row.code.lower() if self._privacy else \
                f"{row.code}\n{row.display_name}".lower()
        return None


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
