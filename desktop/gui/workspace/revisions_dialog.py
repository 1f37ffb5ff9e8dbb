"""A note's revision history: every saved version, with its text, and a way to bring it back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db.plural import count
from db.services.dto import RevisionDTO
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.dates import moment
from desktop.gui.common.labels import REVISION_REASON_LABELS
from desktop.gui.common.style import muted, writing_font


class RevisionsDialog(QDialog):
    """Signals: ``restore_requested(str)`` — put this text back into the note."""

    restore_requested = Signal(str)

    def __init__(self, revisions: list[RevisionDTO], clipboard: ClipboardGuard, *,
                 can_restore: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._revisions = revisions
        self._clipboard = clipboard
        self.setWindowTitle("Revision history")
        self.resize(820, 520)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Revisions")
        for revision in revisions:
            when = moment(revision.saved_at, seconds=True)
            words = len(revision.text.split())
            reason = REVISION_REASON_LABELS.get(revision.reason, revision.reason)
            item = QListWidgetItem(f"{when}\n{reason}, {count(words, 'word')}")
            self.list.addItem(item)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setFont(writing_font())
        self.preview.setAccessibleName("Revision text")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setSizes([240, 580])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("Copy this revision's text &back", self)
        self.restore_button.setEnabled(False)
        self.restore_button.setVisible(can_restore)
        self.copy_button = QPushButton("&Copy text", self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.copy_button.clicked.connect(self._copy)
        layout = QVBoxLayout(self)
        if not revisions:
            layout.addWidget(muted("No revisions yet: one is kept each time the note is saved "
                                   "by hand, on closing, every few minutes while writing, and "
                                   "before any large deletion.", self))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        if revisions:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        valid = 0 <= row < len(self._revisions)
        self.preview.setPlainText(self._revisions[row].text if valid else "")
        self.restore_button.setEnabled(valid)
        self.copy_button.setEnabled(valid)

    def _restore(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._revisions):
            self.restore_requested.emit(self._revisions[row].text)
            self.accept()

    def _copy(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._revisions):
            self._clipboard.copy(self._revisions[row].text)
