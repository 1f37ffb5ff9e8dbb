"""Adding a goal: a few lines in the clinician's words, never squeezed into one line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.services.dto import ClientDTO
from desktop.gui.common.context import AppContext
from desktop.gui.common.fields import ErrorForm
from desktop.gui.common.form_submit import submit_form
from desktop.gui.common.style import error_label

GOAL_LINES = 4  # the box shows this many lines before it scrolls


class GoalDialog(QDialog):
    """Signals: ``accepted`` once the goal is stored."""

    def __init__(self, context: AppContext, client: ClientDTO,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client = client
        self.setWindowTitle("Add goal")
        self.setMinimumWidth(480)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Goal")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("A goal agreed with the client, in your own words")
        lines = self.text.fontMetrics().lineSpacing() * GOAL_LINES
        self.text.setMinimumHeight(lines + 12)
        self.form = ErrorForm(self)
        self.form.add("&Goal:", "title", self.text)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A goal agreed with the client, in as many words as it "
                                "needs:", self))
        layout.addLayout(self.form.layout, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        client_id, title = self._client.id, self.text.toPlainText()
        submit_form(self, self._context,
                    lambda services: services.clients.add_goal(client_id, title),
                    self.form, self.error, self.save_button, lambda _goal: None)
