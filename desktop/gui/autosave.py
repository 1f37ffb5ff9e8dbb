"""Autosave for one note: a debounced save, a crash-safe draft, and an honest save state.

* every change starts the draft timer (if it is not running): the text reaches the
  encrypted draft row within ``DRAFT_MS`` even while the clinician keeps typing;
* the save timer restarts on every change and saves after ``IDLE_MS`` of quiet;
* a save that fails keeps the text in the editor, tries the draft, and says so.
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from db.errors import ThreadlineError
from desktop.gui.context import AppContext

log = logging.getLogger(__name__)

IDLE_MS = 1500
DRAFT_MS = 400
SAVING, SAVED, NOT_SAVED = "Saving…", "Saved", "Not saved"


class NoteAutosave(QObject):
    """Signals: ``state(str)`` — ``"Saving…"``, ``"Saved"`` or ``"Not saved"``;
    ``problem(str)`` — a sentence for the status bar when a save failed."""

    state = Signal(str)
    problem = Signal(str)

    def __init__(self, context: AppContext, editor: QPlainTextEdit, kind: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._editor = editor
        self.session_id: uuid.UUID | None = None  # set by the editor on each load
        self.kind = kind
        self.dirty = False
        self.loading = False  # set while the editor's text is replaced by a load
        self.current_state = SAVED
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(IDLE_MS)
        self.save_timer.timeout.connect(lambda: self.save("autosave"))
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        editor.textChanged.connect(self._changed)

    def mark_dirty(self) -> None:
        """Treat the editor's text as unsaved (e.g. text restored from a draft)."""
        self._changed()

    def _changed(self) -> None:
        if self.loading or self.session_id is None or self._editor.isReadOnly():
            return
        self.dirty = True
        self._set_state(SAVING)
        self.save_timer.start()
        if not self.draft_timer.isActive():
            self.draft_timer.start()

    def _set_state(self, state: str) -> None:
        if state != self.current_state:
            self.current_state = state
            self.state.emit(state)

    def save_draft(self) -> bool:
        if not self.dirty or self.session_id is None:
            return True
        try:
            self._context.services.notes.save_draft(self.session_id, self.kind,
                                                    self._editor.toPlainText())
        except (ThreadlineError, OSError) as error:
            log.info("draft not saved: %s", type(error).__name__)
            return False
        return True

    def save(self, reason: str = "autosave") -> bool:
        """Save now; ``True`` when the stored note equals the editor's text."""
        self.save_timer.stop()
        self.draft_timer.stop()
        if self.session_id is None or (not self.dirty and reason == "autosave"):
            return True
        text = self._editor.toPlainText()
        try:
            outcome = self._context.services.notes.save(self.session_id, self.kind, text,
                                                        reason)
        except (ThreadlineError, OSError) as error:
            self._failed(error)
            return False
        if self._editor.toPlainText() == text:
            self.dirty = False
            self._set_state(SAVED)
        self._context.apply(outcome)
        return True

    def _failed(self, error: BaseException) -> None:
        log.info("note not saved: %s", type(error).__name__)
        kept_in_draft = self.save_draft()
        reason = str(error) if isinstance(error, ThreadlineError) else \
            "The disk could not be written."
        where = "in the editor and in the draft" if kept_in_draft else "in the editor"
        self._set_state(NOT_SAVED)
        self.problem.emit(f"Not saved: {reason} Your text is still {where}; Threadline "
                          "will try again as you type.")

    def stop(self) -> None:
        self.save_timer.stop()
        self.draft_timer.stop()
