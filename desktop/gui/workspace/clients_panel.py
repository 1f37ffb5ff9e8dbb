"""The caseload: search-as-you-type, a status filter, and the list of clients."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.services.dto import ClientDTO
from db.vocabulary import ClientStatus
from desktop.gui.common.row_table import lay_out_row_table
from desktop.gui.common.style import muted
from desktop.gui.workspace.clients_model import ClientColumn, ClientFilter, ClientsModel

FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Active and paused", frozenset({ClientStatus.ACTIVE, ClientStatus.PAUSED})),
    ("Active", frozenset({ClientStatus.ACTIVE})), ("Paused", frozenset({ClientStatus.PAUSED})),
    ("Closed", frozenset({ClientStatus.CLOSED})),
    ("All clients", frozenset()))


class ClientsPanel(QWidget):
    """Signals: ``client_selected(uuid | None)``; ``new_requested()``."""

    client_selected = Signal(object)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClientsModel(self)
        self.proxy = ClientFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search clients")
        self.search.setAccessibleName("Search clients")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_text)
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status filter")
        for label, _ in FILTERS:
            self.status.addItem(label)
        self.status.currentIndexChanged.connect(self._filter_status)
        self.table = QTableView(self)
        self.table.setAccessibleName("Clients")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ClientColumn.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        lay_out_row_table(self.table, {ClientColumn.NAME: "Firstname Lastname",
                                       ClientColumn.STATUS: "Paused",
                                       ClientColumn.SESSIONS: "Sessions",
                                       ClientColumn.LAST: "30 Sep 2026"},
                          ClientColumn.CODE, cell_padding=24, row_padding=12)
        for column in (ClientColumn.STATUS, ClientColumn.LAST):
            self.table.setColumnHidden(column, True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = muted("", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(18)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.new_button = QPushButton("&New client…", self)
        self.new_button.clicked.connect(self.new_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.set_privacy(True)

    def set_clients(self, clients: list[ClientDTO]) -> None:
        keep = self.current_client_id()
        self.model.set_rows(clients)
        self._update_empty()
        if keep is not None:
            self.select(keep)

    def set_privacy(self, on: bool) -> None:
        self.model.set_privacy(on)
        self.table.setColumnHidden(ClientColumn.NAME, on)
        self.search.setPlaceholderText("Search by code" if on else "Search by code or name")
        self.proxy.refilter()
        self._update_empty()

    def current_client_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.data(ClientsModel.ClientIdRole)
        return value if isinstance(value, uuid.UUID) else None

    def select(self, client_id: uuid.UUID) -> bool:
        row = self.model.row_of(client_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: show everyone so the client is visible
            self.search.clear()
            self.status.setCurrentIndex(len(FILTERS) - 1)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_empty()

    def _filter_status(self, position: int) -> None:
        self.proxy.set_statuses(FILTERS[position][1])
        self._update_empty()

    def _update_empty(self) -> None:
        if self.model.rowCount() == 0:
            self.empty.setText("No clients yet.\n\nAdd your first client with “New client” "
                               "(Ctrl+Shift+N).")
        elif self.proxy.rowCount() == 0:
            self.empty.setText("No client matches this search or filter.")
        self.stack.setCurrentWidget(self.table if self.proxy.rowCount() else self.empty)

    def _current_changed(self, current: object, _previous: object) -> None:
        self.client_selected.emit(self.current_client_id())
