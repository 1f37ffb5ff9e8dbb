"""The dialog long work shows: the current step in words, a bar, and Cancel where safe.

Not modal: the window stays usable (its writes wait behind the import, in order). Cancel
asks the work to stop (``cancel_requested``); the work stops at its next safe point and
leaves nothing behind, and whoever started it closes the dialog when it has ended.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from db.progress import Step
from desktop.gui.common.progress_words import STEP_WORDS

BAR_STEPS = 1000


class ProgressDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, *,
                 can_cancel: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.step_label = QLabel("Starting…", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until a step says how far it got
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setVisible(can_cancel)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        for widget in (self.step_label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.setMinimumWidth(360)

    def show_step(self, step: Step, done: float | None) -> None:
        self.step_label.setText(STEP_WORDS.get(step, str(step)) + "…")
        if done is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(round(done * BAR_STEPS))

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.step_label.setText("Stopping…")
        self.cancel_requested.emit()

    def reject(self) -> None:
        """Escape or the close box ask to stop, like Cancel; the dialog closes when the
        work has ended."""
        if not self.cancel_button.isHidden() and self.cancel_button.isEnabled():
            self._cancel()


class ShowsProgress:
    """For a controller that runs long work with one :class:`ProgressDialog` at a time
    (import, restore): it opens the dialog, hands it each step, and closes it."""

    progress: ProgressDialog | None = None

    def _open_progress(self, title: str, parent: QWidget, cancel: Callable[[], None]) -> None:
        self.progress = ProgressDialog(title, parent)
        self.progress.cancel_requested.connect(cancel)
        self.progress.open()

    def _show_progress(self, value: tuple[Step, float | None]) -> None:
        if self.progress is not None:
            self.progress.show_step(*value)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.done(0)
            self.progress.deleteLater()
            self.progress = None
