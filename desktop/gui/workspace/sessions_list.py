"""A client's sessions, newest first, with their theme chips."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.services.dto import SessionDTO
from desktop.gui.common.row_table import lay_out_row_table
from desktop.gui.common.style import muted
from desktop.gui.workspace.chip_delegate import ChipDelegate, themes_column_width
from desktop.gui.workspace.sessions_model import SessionColumn, SessionsModel


class SessionsList(QWidget):
    """Signals: ``session_selected(uuid | None)``; ``edit_requested()`` on double-click."""

    session_selected = Signal(object)
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SessionsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Sessions")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SessionColumn.THEMES, ChipDelegate(self.table))
        lay_out_row_table(self.table, {SessionColumn.DATE: "30 Sep 2026",
                                       SessionColumn.NUMBER: "999",
                                       SessionColumn.ATTENDANCE: "Attendance"},
                          SessionColumn.THEMES, cell_padding=20, row_padding=14)
        # The Themes column never gets so narrow that the strongest theme is cut short.
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in SessionColumn if c != SessionColumn.THEMES)
        scroll = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.table.setMinimumWidth(fixed + themes_column_width(self.table.font()) + scroll + 4)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.session_selected.emit(self.current_session_id()))
        self.table.doubleClicked.connect(lambda _: self.edit_requested.emit())
        self.empty = muted("No sessions yet.\n\nStart one with “New session” (Ctrl+N).", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_sessions(self, sessions: list[SessionDTO]) -> None:
        keep = self.current_session_id()
        self.model.set_rows(sessions)
        self.stack.setCurrentWidget(self.table if sessions else self.empty)
        if keep is not None and not self.select(keep):
            self.session_selected.emit(None)

    def current_session_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        value = index.data(SessionsModel.SessionIdRole) if index.isValid() else None
        return value if isinstance(value, uuid.UUID) else None

    def current_session(self) -> SessionDTO | None:
        index = self.table.currentIndex()
        return self.model.session(index.row()) if index.isValid() else None

    def select(self, session_id: uuid.UUID) -> bool:
        row = self.model.row_of(session_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True
