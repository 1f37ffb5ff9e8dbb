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

from db.services.episodes import EpisodeDTO
from db.services.marks import INTENSITIES, MarkDTO
from desktop.gui.common.style import muted
from desktop.gui.themes.episode_list_model import EpisodeListModel
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
    comment_requested(MarkDTO)
        "Edit comment…" was chosen.
    episode_edit_requested(EpisodeDTO)
    episode_delete_requested(EpisodeDTO)
    """

    jump_requested = Signal(object)
    mark_session_requested = Signal()
    episode_requested = Signal()
    intensity_requested = Signal(object, int)
    delete_requested = Signal(object)
    comment_requested = Signal(object)
    episode_edit_requested = Signal(object)
    episode_delete_requested = Signal(object)
    passages_requested = Signal(object)  # a theme id: every passage of that theme

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
        self.empty = muted("No marks yet. Select words in the note and press Ctrl+M, or "
                           "mark the whole session.", self)  # greyed out, it was 1.6:1
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
        self.episodes_title = QLabel("Episodes", self)
        self.episodes_title.setFont(font)
        self.episode_model = EpisodeListModel(self)
        self.episode_view = QListView(self)
        self.episode_view.setModel(self.episode_model)
        self.episode_view.setWordWrap(True)
        self.episode_view.setAccessibleName("Relationship episodes of this session")
        self.episode_view.activated.connect(self._episode_activated)
        self.episode_view.doubleClicked.connect(self._episode_activated)
        self.episode_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.episode_view.customContextMenuRequested.connect(self._episode_menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_session)
        buttons.addWidget(self.episode)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.episodes_title)
        layout.addWidget(self.episode_view)
        layout.addLayout(buttons)
        self.set_marks([])
        self.set_episodes([])

    def set_marks(self, marks: list[MarkDTO]) -> None:
        self.pending = False
        self.model.set_rows(marks)
        self.empty.setVisible(not marks)
        self.title.setText(f"Marks ({len(marks)})" if marks else "Marks")

    def set_pending(self) -> None:
        """The session shown changed and its marks are on their way: show none."""
        self.pending = True
        self.model.set_rows([])
        self.episode_model.set_rows([])
        self.empty.setVisible(False)
        self.title.setText("Marks (reading…)")

    def set_session_open(self, is_open: bool) -> None:
        """Session marks and episodes need a session: without one the buttons are greyed."""
        self.mark_session.setEnabled(is_open)
        self.episode.setEnabled(is_open)

    def set_episodes(self, episodes: list[EpisodeDTO]) -> None:
        self.episode_model.set_rows(episodes)
        shown = bool(episodes)
        if self.episode_view.isHidden() == shown:  # showing or hiding lays the panel out
            self.episodes_title.setVisible(shown)
            self.episode_view.setVisible(shown)
        height = 46 * min(len(episodes), 3) + 6
        if self.episode_view.maximumHeight() != height:
            self.episode_view.setMaximumHeight(height)

    def current(self) -> MarkDTO | None:
        row, rows = self.view.currentIndex().row(), self.model.rows()
        return rows[row] if 0 <= row < len(rows) else None

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
        menu.addAction("Edit comment…").triggered.connect(
            lambda: self.comment_requested.emit(mark))
        menu.addAction(f"Passages of {mark.theme_name}…").triggered.connect(
            lambda: self.passages_requested.emit(mark.theme_id))
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(position))

    def _episode_activated(self, index: QModelIndex) -> None:
        episode = index.data(EpisodeListModel.EpisodeRole)
        if isinstance(episode, EpisodeDTO):
            self.episode_edit_requested.emit(episode)

    def _episode_menu(self, position: QPoint) -> None:
        row, rows = self.episode_view.currentIndex().row(), self.episode_model.rows()
        if not 0 <= row < len(rows):
            return
        episode = rows[row]
        menu = QMenu(self)
        menu.addAction("Edit episode…").triggered.connect(
            lambda: self.episode_edit_requested.emit(episode))
        menu.addAction("Remove episode").triggered.connect(
            lambda: self.episode_delete_requested.emit(episode))
        menu.popup(self.episode_view.viewport().mapToGlobal(position))
