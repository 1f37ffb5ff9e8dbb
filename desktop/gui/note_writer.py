"""Saves of notes and drafts, one at a time and in order, off the GUI thread.

A save of a long note costs the time of a disk flush (a few ms, far more on a busy disk),
and a deliberate save also re-indexes the note for search (db/search/pending.py): too
long to spend on the GUI thread while the clinician types. :class:`NoteWriter` runs every
note write of one window in a thread of its own, strictly in the order they were asked
for, so the last text written always wins; a draft or autosave still waiting when a newer
write of the same note arrives is dropped (the newer one holds all its text).
:meth:`NoteWriter.wait` blocks until a write and every write before it are done: locking,
closing and switching notes use it, so that nothing is lost when the vault closes.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from db.services.dto import NoteDTO, Outcome
    from db.services.hub import Services

log = logging.getLogger(__name__)


@dataclass(eq=False)
class NoteWrite:
    """One write: a save (``reason`` given) or a draft (``reason`` is ``None``).

    The writer fills in the result; ``done`` is set once it is final.
    """

    session_id: uuid.UUID
    kind: str
    text: str
    reason: str | None
    outcome: Outcome[NoteDTO] | None = None
    error: BaseException | None = None
    kept_in_draft: bool = False  # a failed save whose text went into the draft instead
    dropped: bool = False  # a newer write of the same note came first
    done: threading.Event = field(default_factory=threading.Event)
    handled: bool = False  # the GUI has taken the result in (GUI thread only)

    @property
    def is_draft(self) -> bool:
        return self.reason is None

    def supersedes(self, older: NoteWrite) -> bool:
        """Whether this write makes ``older`` (not started yet) unnecessary: a later save
        replaces a pending autosave or draft of the same note, a later draft a draft."""
        if (older.session_id, older.kind) != (self.session_id, self.kind):
            return False
        if older.is_draft:
            return True
        return older.reason == "autosave" and not self.is_draft


class NoteWriter(QObject):
    """Signals: ``finished(NoteWrite)`` on the GUI thread once a write is final."""

    finished = Signal(object)

    def __init__(self, services: Callable[[], Services], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._queue: queue.Queue[NoteWrite | None] = queue.Queue()
        self._waiting: list[NoteWrite] = []  # submitted, not started (under _lock)
        self._last: NoteWrite | None = None  # the latest submitted: final means all are
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, write: NoteWrite) -> NoteWrite:
        with self._lock:
            for older in self._waiting:
                if write.supersedes(older):
                    older.dropped = True
            self._waiting = [w for w in self._waiting if not w.dropped]
            self._waiting.append(write)
            self._last = write
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="note-writer",
                                                daemon=True)
                self._thread.start()
        self._queue.put(write)
        return write

    def wait(self, write: NoteWrite) -> None:
        """Block until ``write`` (and every write submitted before it) is final."""
        write.done.wait()

    def drain(self) -> None:
        """Block until every write submitted so far is final."""
        with self._lock:
            last = self._last
        if last is not None:
            last.done.wait()

    def stop(self) -> None:
        """Finish what was submitted, then end the thread."""
        self.drain()
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()

    def _run(self) -> None:
        while True:
            write = self._queue.get()
            if write is None:
                return
            with self._lock:
                if write in self._waiting:
                    self._waiting.remove(write)
            if not write.dropped:
                self._perform(write)
            write.done.set()
            self.finished.emit(write)

    def _perform(self, write: NoteWrite) -> None:
        try:
            notes = self._services().notes
            if write.is_draft:
                notes.save_draft(write.session_id, write.kind, write.text)
            else:
                assert write.reason is not None
                write.outcome = notes.save(write.session_id, write.kind, write.text,
                                           write.reason)
        except Exception as error:  # handed to the GUI thread, which says what happened
            write.error = error
            if not write.is_draft:
                write.kept_in_draft = self._keep_in_draft(write)

    def _keep_in_draft(self, write: NoteWrite) -> bool:
        try:
            self._services().notes.save_draft(write.session_id, write.kind, write.text)
        except Exception as error:
            log.info("draft not saved: %s", type(error).__name__)
            return False
        return True
