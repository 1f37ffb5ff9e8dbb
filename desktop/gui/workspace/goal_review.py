"""A periodic progress review: every goal's status and a dated note, in one dialog."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.services.dto import Changed, ClientDTO, GoalDTO
from desktop.gui.common.context import AppContext
from desktop.gui.common.labels import GOAL_STATUS_LABELS
from desktop.gui.common.operations import error_sentence
from desktop.gui.common.style import error_label, muted, show_error

if TYPE_CHECKING:
    from db.services.hub import Services

NOTE_LINES = 3

class GoalReviewDialog(QDialog):
    def __init__(self, context: AppContext, client: ClientDTO,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client = client
        self.setWindowTitle("Review goals")
        self.setMinimumWidth(560)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Review date")
        top = QFormLayout()
        top.addRow("Review &date:", self.day)
        grid = QGridLayout()
        grid.addWidget(muted("Goal", self), 0, 0)
        grid.addWidget(muted("Status", self), 0, 1)
        grid.addWidget(muted("Review note", self), 0, 2)
        self.rows: list[tuple[GoalDTO, QComboBox, QPlainTextEdit]] = []
        for i, goal in enumerate(client.goals, start=1):
            title = QLabel(goal.title, self)
            title.setWordWrap(True)
            status = QComboBox(self)
            for key, label in GOAL_STATUS_LABELS.items():
                status.addItem(label, str(key))
            status.setCurrentIndex(max(0, status.findData(goal.status)))
            status.setAccessibleName(f"Status of goal {i}")
            note = QPlainTextEdit(self)  # a review note is a sentence or two, never cut
            note.setTabChangesFocus(True)
            note.setFixedHeight(note.fontMetrics().lineSpacing() * NOTE_LINES + 12)
            note.setPlaceholderText("What changed since the last review?")
            note.setAccessibleName(f"Review note for goal {i}")
            grid.addWidget(title, i, 0)
            grid.addWidget(status, i, 1)
            grid.addWidget(note, i, 2)
            self.rows.append((goal, status, note))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        q = self.day.date()
        on = date(q.year(), q.month(), q.day())
        reviews = [(goal.id, note.toPlainText(), str(status.currentData()))
                   for goal, status, note in self.rows
                   if note.toPlainText().strip() or str(status.currentData()) != goal.status]
        done = [Changed()]  # what the reviews stored so far (written on the writer thread)

        def review(services: Services) -> Changed:
            for goal_id, text, status in reviews:
                done[0] = done[0] | services.clients.review_goal(goal_id, on, text,
                                                                 status).changed
            return done[0]

        def failed(error: BaseException) -> None:
            self._context.events.announce(done[0], self)  # the reviews before it stay
            show_error(self.error, error_sentence(error))

        self._context.submit(review, initiator=self, on_done=lambda _: self.accept(),
                             on_error=failed)
