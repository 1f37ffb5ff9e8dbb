"""Saves of notes and drafts, as operations of the window's write pipeline.

A save of a long note costs the time of a disk flush (a few ms, far more on a busy disk):
too long to spend on the GUI thread while the clinician types. :class:`NoteWriter` turns
each save or draft into an :class:`~desktop.gui.common.operations.Operation` of the window's one
writer thread (:mod:`desktop.gui.common.operations`), so notes are written in order with every
other change, the last text wins, and a draft or autosave still waiting when a newer
write of the same note arrives is dropped (the newer one holds all its text). A save
carries the note's passage anchors, stored in the same transaction as its text.
:meth:`NoteWriter.wait` blocks until a write and every write before it are done: locking,
closing and Save now use it, so that nothing is lost when the vault closes.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from db.vocabulary import RevisionReason
from desktop.gui.common.operations import Operation, OperationQueue

if TYPE_CHECKING:
    from db.services.dto import NoteDTO
    from db.services.hub import Services
    from db.services.passages import PassageRef

log = logging.getLogger(__name__)

DRAFT, AUTOSAVE, DELIBERATE = 0, 1, 2  # what may supersede what (see Operation.supersedes)


@dataclass(eq=False)
class NoteWrite:
    """One write: a save (``reason`` given) or a draft (``reason`` is ``None``).

    ``anchors``: the editor's passage anchors for ``text``, saved with it. The writer
    fills in the result; ``handled`` is set on the GUI thread once it is final.
    """

    session_id: uuid.UUID
    kind: str
    text: str
    reason: str | None
    anchors: list[PassageRef] | None = None
    outcome_value: NoteDTO | None = None
    error: BaseException | None = None
    kept_in_draft: bool = False  # a failed save whose text went into the draft instead
    handled: bool = False
    operation: Operation | None = field(default=None, repr=False)

    @property
    def is_draft(self) -> bool:
        return self.reason is None

    @property
    def weight(self) -> int:
        if self.is_draft:
            return DRAFT
        return AUTOSAVE if self.reason == RevisionReason.AUTOSAVE else DELIBERATE


class NoteWriter(QObject):
    """Signals: ``finished(NoteWrite)`` on the GUI thread once a write is final (not for
    a write that a newer one superseded)."""

    finished = Signal(object)

    def __init__(self, operations: OperationQueue, initiator: object | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._initiator = initiator
        self._unfinished: dict[tuple[uuid.UUID, str], NoteWrite] = {}  # latest per note

    def unfinished(self, session_id: uuid.UUID, kind: str) -> NoteWrite | None:
        """The latest save or draft of a note that the vault does not hold yet."""
        write = self._unfinished.get((session_id, kind))
        return None if write is None or write.handled else write

    def submit(self, write: NoteWrite) -> NoteWrite:
        self._unfinished[write.session_id, write.kind] = write
        write.operation = self._operations.submit(Operation(
            lambda services: self._perform(services, write), self._initiator,
            on_done=lambda value: self._done(write, value),
            on_error=lambda error: self._failed(write, error),
            key=("note", write.session_id, write.kind), weight=write.weight,
            droppable=write.weight != DELIBERATE))
        return write

    def wait(self, write: NoteWrite) -> None:
        """Block until ``write`` (and every write submitted before it) is final."""
        assert write.operation is not None
        self._operations.wait(write.operation)

    def drain(self) -> None:
        """Block until every change submitted so far is final."""
        self._operations.drain()

    def stop(self) -> None:
        """Finish what was submitted (the queue itself outlives the editor)."""
        self.drain()

    def _done(self, write: NoteWrite, value: Any) -> None:
        write.outcome_value = value
        self._final(write)

    def _failed(self, write: NoteWrite, error: BaseException) -> None:
        write.error = error
        self._final(write)

    def _final(self, write: NoteWrite) -> None:
        if self._unfinished.get((write.session_id, write.kind)) is write:
            del self._unfinished[write.session_id, write.kind]
        self.finished.emit(write)
        write.handled = True

    def _perform(self, services: Services, write: NoteWrite) -> object:
        """On the writer thread; a failed save's text goes into the draft instead."""
        notes = services.notes
        if write.is_draft:
            notes.save_draft(write.session_id, write.kind, write.text)
            return None
        assert write.reason is not None
        try:
            return notes.save(write.session_id, write.kind, write.text, write.reason,
                              anchors=write.anchors)
        except Exception:
            write.kept_in_draft = self._keep_in_draft(services, write)
            raise

    def _keep_in_draft(self, services: Services, write: NoteWrite) -> bool:
        try:
            services.notes.save_draft(write.session_id, write.kind, write.text)
        except Exception as error:
            log.info("draft not saved: %s", type(error).__name__)
            return False
        return True
