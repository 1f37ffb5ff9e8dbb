"""A titled, sortable table for one analytics model, with room for a few controls."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.gui.timeline.models import _Table


class TablePanel(QWidget):
    def __init__(self, title: str, model: QAbstractItemModel, note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = self.body = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.controls = QHBoxLayout()
        self.title = QLabel(f"<b>{title}</b>")
        self.controls.addWidget(self.title)
        self.controls.addStretch(1)
        layout.addLayout(self.controls)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5c6370;")
        layout.addWidget(self.note)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(_Table.SortRole)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(25)  # size columns from 25 rows, not all of them
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
