"""The side panel of a session's marks: jump to a passage, change or remove a mark."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.services.marks import INTENSITIES, MarkDTO
from desktop.gui.themes.mark_list_model import MarkListModel


class MarkListPanel(QWidget):
    """Signals
    -------
    jump_requested(MarkDTO)
        A passage mark was activated: show its passage.
    mark_session_requested()
        "Mark session…" was clicked.
    episode_requested()
        "Episode…" was clicked.
    intensity_requested(MarkDTO, int)
        The clinician chose another intensity.
    delete_requested(MarkDTO)
    """

    jump_requested = Signal(object)
    mark_session_requested = Signal()
    episode_requested = Signal()
    intensity_requested = Signal(object, int)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Marks", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.model = MarkListModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName("Marks of this session")
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.empty = QLabel("No marks yet. Select words in the note and press Ctrl+M, or "
                            "mark the whole session.", self)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.mark_session = QPushButton("Mark &session…", self)
        self.mark_session.clicked.connect(self.mark_session_requested)
        self.episode = QPushButton("&Episode…", self)
        self.episode.setToolTip("Record a CCRT relationship episode")
        self.episode.clicked.connect(self.episode_requested)
        self.delete_action = QAction("Remove mark", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._delete_current)
        self.view.addAction(self.delete_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_session)
        buttons.addWidget(self.episode)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.set_marks([])

    def set_marks(self, marks: list[MarkDTO]) -> None:
        self.model.set_rows(marks)
        self.empty.setVisible(not marks)
        self.title.setText(f"Marks ({len(marks)})" if marks else "Marks")

    def current(self) -> MarkDTO | None:
        mark = self.view.currentIndex().data(MarkListModel.MarkRole)
        return mark if isinstance(mark, MarkDTO) else None

    def _activated(self, index: QModelIndex) -> None:
        mark = index.data(MarkListModel.MarkRole)
        if isinstance(mark, MarkDTO) and mark.passage.anchor is not None:
            self.jump_requested.emit(mark)

    def _delete_current(self) -> None:
        mark = self.current()
        if mark is not None:
            self.delete_requested.emit(mark)

    def _menu(self, position: QPoint) -> None:
        mark = self.current()
        if mark is None:
            return
        menu = QMenu(self)
        for value, word in INTENSITIES.items():
            action = menu.addAction(f"Intensity {value} ({word})")
            action.setCheckable(True)
            action.setChecked(mark.intensity == value)
            action.triggered.connect(lambda _=False, v=value: self.intensity_requested.emit(
                mark, v))
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(position))
