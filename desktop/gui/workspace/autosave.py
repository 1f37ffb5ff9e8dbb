"""Autosave for one note: a debounced save, a crash-safe draft, and an honest save state.

* every change starts the draft timer (if it is not running): the text reaches the
  encrypted draft row within ``Timings.draft_ms`` even while the clinician keeps typing;
* the save timer restarts on every change and saves after ``Timings.autosave_ms`` of
  quiet (both on ``AppContext.timings``, which tests shorten);
* both are written by the editor's :class:`~desktop.gui.workspace.note_writer.NoteWriter`, as
  operations of the window's write pipeline, off the GUI thread and in order;
  :meth:`NoteAutosave.save` (closing, locking, Save now) waits for its write, switching
  notes does not;
* a save carries the passage anchors of its text (from :attr:`NoteAutosave.anchor_source`,
  set by theme tagging), stored in the same transaction;
* a save that fails keeps the text in the editor, tries the draft, and says so.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from db.errors import ThreadlineError
from db.vocabulary import RevisionReason
from desktop.gui.common.context import AppContext
from desktop.gui.common.labels import SaveState
from desktop.gui.workspace.note_writer import NoteWrite, NoteWriter

if TYPE_CHECKING:
    from db.services.passages import PassageRef

log = logging.getLogger(__name__)


class NoteAutosave(QObject):
    """Signals: ``state(str)`` — ``"Saving…"``, ``"Saved"`` or ``"Not saved"``;
    ``problem(str)`` — a sentence for the status bar when a save failed."""

    state = Signal(str)
    problem = Signal(str)

    def __init__(self, context: AppContext, editor: QPlainTextEdit, kind: str,
                 writer: NoteWriter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._editor = editor
        self._writer = writer
        self._latest: NoteWrite | None = None  # the last save this autosave asked for
        self.session_id: uuid.UUID | None = None  # set by the editor on each load
        self.kind = kind
        self.dirty = False
        self.loading = False  # set while the editor's text is replaced by a load
        self.current_state: str = SaveState.SAVED
        #: The passage anchors of the editor's text right now, saved with it (tagging).
        self.anchor_source: Callable[[], list[PassageRef]] | None = None
        #: Told once a save's anchors are stored: ``(session_id, anchors)``.
        self.anchors_saved: Callable[[uuid.UUID, list[PassageRef]], None] | None = None
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(context.timings.autosave_ms)
        self.save_timer.timeout.connect(self._save_in_background)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(context.timings.draft_ms)
        self.draft_timer.timeout.connect(self.save_draft)
        editor.textChanged.connect(self._changed)
        writer.finished.connect(self._written)  # a bound method: delivered on this thread

    def mark_dirty(self) -> None:
        """Treat the editor's text as unsaved (e.g. text restored from a draft)."""
        self._changed()

    def _changed(self) -> None:
        if self.loading or self.session_id is None or self._editor.isReadOnly():
            return
        self.dirty = True
        self._set_state(SaveState.SAVING)
        self.save_timer.start()
        if not self.draft_timer.isActive():
            self.draft_timer.start()

    def _set_state(self, state: str) -> None:
        if state != self.current_state:
            self.current_state = state
            self.state.emit(state)

    def save_draft(self) -> None:
        """Keep the unsaved text in the draft row (in the background)."""
        if self.dirty and self.session_id is not None:
            self._writer.submit(NoteWrite(self.session_id, self.kind,
                                          self._editor.toPlainText(), None))

    def _save_in_background(self) -> None:
        if self.dirty and self.session_id is not None:
            self._submit(RevisionReason.AUTOSAVE)

    def _submit(self, reason: str) -> NoteWrite:
        self.save_timer.stop()
        self.draft_timer.stop()
        assert self.session_id is not None
        anchors = self.anchor_source() if self.anchor_source is not None else None
        write = NoteWrite(self.session_id, self.kind, self._editor.toPlainText(), reason,
                          anchors)
        self._latest = write
        return self._writer.submit(write)

    def save(self, reason: str = RevisionReason.AUTOSAVE, wait: bool = True) -> bool:
        """Save now; with ``wait``, wait for it and return whether the stored note equals
        the editor's text (without, the result arrives like an autosave's)."""
        self.save_timer.stop()
        self.draft_timer.stop()
        if self.session_id is None or (not self.dirty and reason == RevisionReason.AUTOSAVE):
            return True
        write = self._submit(reason)
        if not wait:
            return True
        self._writer.wait(write)
        if not write.handled:
            self._take(write)
        return write.error is None

    def submit_now(self, reason: str) -> NoteWrite | None:
        """Ask for a save now without waiting; ``None`` when there is nothing to save."""
        self.save_timer.stop()
        self.draft_timer.stop()
        if self.session_id is None or (not self.dirty and reason == RevisionReason.AUTOSAVE):
            return None
        return self._submit(reason)

    def follow(self, write: NoteWrite | None) -> None:
        """After a load: the shown text is ``write``'s, still on its way (or stored)."""
        self._latest = write
        self._set_state(SaveState.SAVED if write is None else SaveState.SAVING)

    def _written(self, write: NoteWrite) -> None:
        if write is self._latest and not write.handled:
            self._take(write)

    def _take(self, write: NoteWrite) -> bool:
        """Take the result of this autosave's latest save in (once)."""
        write.handled = True
        if write.error is not None:
            self._failed(write)
            return False
        if write.session_id == self.session_id and self._editor.toPlainText() == write.text:
            self.dirty = False
            self._set_state(SaveState.SAVED)
        if write.anchors is not None and self.anchors_saved is not None:
            self.anchors_saved(write.session_id, write.anchors)
        return True  # the pipeline has announced what the save changed

    def _failed(self, write: NoteWrite) -> None:
        error = write.error
        log.info("note not saved: %s", type(error).__name__)
        reason = str(error) if isinstance(error, ThreadlineError) else \
            "The disk could not be written."
        where = "in the editor and in the draft" if write.kept_in_draft else "in the editor"
        self._set_state(SaveState.NOT_SAVED)
        self.problem.emit(f"Not saved: {reason} Your text is still {where}; Threadline "
                          "will try again as you type.")

    def stop(self) -> None:
        self.save_timer.stop()
        self.draft_timer.stop()
