"""Under a finalized note: its dated addenda, and a place to write the next one."""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.services.dto import AddendumDTO
from desktop.gui.common import dialogs
from desktop.gui.common.context import AppContext
from desktop.gui.common.dates import long_date
from desktop.gui.common.operations import error_sentence
from desktop.gui.common.style import error_label, heading, show_error, writing_font


def format_addenda(addenda: tuple[AddendumDTO, ...]) -> str:
    """The addenda as HTML: a bold, dated line above each text (all text escaped)."""
    parts = []
    for addendum in addenda:
        at = addendum.written_at.astimezone()
        body = html.escape(addendum.text).replace("\n", "<br>")
        parts.append(f"<p><b>Addendum, {long_date(at)} at {at:%H:%M}</b><br>{body}</p>")
    return "".join(parts)


FOR_GOOD = ("Once added, an addendum can never be changed or removed. Add it now, dated "
            "today?")


class AddendaPanel(QWidget):
    """Signals: ``added(AddendumDTO)`` after an addendum is saved."""

    added = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._session_id: uuid.UUID | None = None
        self.history = QTextBrowser(self)
        self.history.setReadOnly(True)
        self.history.setFont(writing_font())
        self.history.setAccessibleName("Addenda")
        self.history.setMaximumHeight(140)
        self.composer = QPlainTextEdit(self)
        self.composer.setFont(writing_font())
        self.composer.setPlaceholderText("The note is finalized. Write an addendum here; it is "
                                         "saved with today's date and time and can never be "
                                         "changed afterwards.")
        self.composer.setAccessibleName("New addendum")
        self.composer.setTabChangesFocus(True)  # Tab goes on to Add addendum
        self.composer.setMaximumHeight(110)
        self.add_button = QPushButton("Add a&ddendum", self)
        self.add_button.clicked.connect(self.add)
        self.error = error_label(self)
        self.composer.textChanged.connect(lambda: show_error(self.error, ""))
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addStretch(0)
        row.addWidget(self.add_button, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 8)
        layout.addWidget(heading("Addenda", 1.1, self))
        layout.addWidget(self.history)
        layout.addWidget(self.composer)
        layout.addLayout(row)

    def set_note(self, session_id: uuid.UUID, addenda: tuple[AddendumDTO, ...]) -> None:
        if session_id != self._session_id:
            self.composer.clear()
        self._session_id = session_id
        self.history.setHtml(format_addenda(addenda))
        self.history.setVisible(bool(addenda))

    def add(self) -> bool:
        if self._session_id is None:
            return False
        session_id, text = self._session_id, self.composer.toPlainText()
        if text.strip() and not dialogs.confirm(
                self, "Add addendum", FOR_GOOD, yes="Add addendum", no="Keep editing"):
            return False
        self.add_button.setEnabled(False)

        def done(addendum: object) -> None:
            self.add_button.setEnabled(True)
            if session_id == self._session_id and self.composer.toPlainText() == text:
                self.composer.clear()
            self.added.emit(addendum)

        def failed(error: BaseException) -> None:
            self.add_button.setEnabled(True)
            show_error(self.error, error_sentence(error))

        self._context.submit(lambda services: services.notes.add_addendum(session_id, text),
                             initiator=self, on_done=done, on_error=failed)
        return True
