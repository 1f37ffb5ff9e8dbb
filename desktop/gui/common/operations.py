"""Every change to the vault, one at a time and in order, on one writer thread.

In the spirit of Anki's ``CollectionOp`` and Vorta's job queue. The GUI describes a change
as an :class:`Operation` (a callable taking the services and returning the service's
``Outcome`` or ``Changed``) and submits it to the window's :class:`OperationQueue`. The
queue runs operations strictly in the order they were submitted, in a thread of its own,
so the GUI thread never opens a write transaction and never waits for one that the
integrity check holds back (``Database.hold_writes``).

Results come back on the GUI thread, in submission order: first the change is announced
once, with its initiator (``AppEvents.changed(changed, initiator)``), so that the view
that made it can skip reloading itself; then the operation's ``on_done`` gets the value,
or ``on_error`` the error (without one, the queue's ``failed`` signal carries the
sentence: one path for every failure).

An operation with a ``key`` can be superseded: a newer one with the same key and at least
the same ``weight`` drops it while it still waits (a draft or autosave of a note is
replaced by the next write of that note, which holds all its text).

``after_write(services, changed)`` runs on the writer thread after each operation that
changed something, before it is announced (the window's context reads changed settings
there, so the GUI thread never reads them).

When the queue has been idle for a moment, its ``idle_work`` (the search indexer's
catch-up) runs on the same thread, so derived data never competes with a save.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from db.errors import ThreadlineError, VaultLocked
from desktop.gui.common.failures import sentence_for

if TYPE_CHECKING:
    from db.services.hub import Services

log = logging.getLogger(__name__)

#: How long the queue must be empty before ``idle_work`` runs (seconds).
IDLE_S = 1.0


@dataclass(eq=False)
class Operation:
    """One change: ``run(services)`` returns an ``Outcome``, a ``Changed`` or ``None``.

    ``initiator``: the object (usually a view) that asked for it, handed on with the
    announcement. ``key``/``weight``/``droppable``: see the module docstring. The queue
    fills in ``value``, ``changed``, ``error`` and ``dropped``; ``done`` is set once final.
    """

    run: Callable[[Services], Any]
    initiator: object | None = None
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    key: Hashable | None = None
    weight: int = 0
    droppable: bool = False
    value: Any = None
    changed: Any = None
    error: BaseException | None = None
    dropped: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    delivered: bool = False  # the GUI thread has taken the result in

    def supersedes(self, older: Operation) -> bool:
        return (older.droppable and older.key is not None and older.key == self.key
                and older.weight <= self.weight)


def _nothing_changed() -> Any:
    from db.services.dto import Changed

    return Changed()


def error_sentence(error: BaseException) -> str:
    """What the clinician reads about a failed operation (typed errors keep theirs)."""
    return sentence_for(error, "The change could not be written to the disk.")


class OperationQueue(QObject):
    """One writer thread for one window's vault.

    Signals
    -------
    failed(str)
        An operation without ``on_error`` failed: a sentence for the status bar.
    idle()
        Every operation submitted so far has been delivered.
    """

    failed = Signal(str)
    idle = Signal()
    _finished = Signal()  # from the writer thread: something is ready to deliver

    def __init__(self, services: Callable[[], Services],
                 announce: Callable[[Any, object], None],
                 idle_work: Callable[[Services], None] | None = None,
                 parent: QObject | None = None, idle_s: float = IDLE_S, *,
                 after_write: Callable[[Services, Any], None] | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._announce = announce
        self.idle_work = idle_work
        self._after_write = after_write
        self._idle_s = idle_s
        self._queue: queue.Queue[Operation | None] = queue.Queue()
        self._waiting: list[Operation] = []  # submitted, not started (under _lock)
        self._ready: deque[Operation] = deque()  # final, not delivered (under _lock)
        self._last: Operation | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._finished.connect(self.deliver)  # queued: emitted from the writer thread

    # --- submitting and waiting -----------------------------------------------------------

    def submit(self, op: Operation) -> Operation:
        """Queue ``op`` behind every operation submitted before it; returns it."""
        with self._lock:
            for older in self._waiting:
                if op.supersedes(older):
                    older.dropped = True
            self._waiting = [w for w in self._waiting if not w.dropped]
            self._waiting.append(op)
            self._last = op
            self._start_thread()
        self._queue.put(op)
        return op

    def start(self) -> None:
        """Start the writer thread now, waiting for the first change (after unlocking).
        Started by that change, it was the first note shown that paid for it: the passage
        check of its anchors is the first change, and a new thread's first Python ran
        beside the note's first paint."""
        with self._lock:
            self._start_thread()

    def _start_thread(self) -> None:  # under _lock
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="vault-writer",
                                            daemon=True)
            self._thread.start()

    def wait(self, op: Operation) -> None:
        """Block until ``op`` (and every operation before it) is final and delivered.

        Only for lock, close and deliberate saves: with the integrity check running, a
        write waits for its verdict.
        """
        op.done.wait()
        self.deliver()

    def drain(self) -> None:
        """Block until everything submitted so far is final and delivered."""
        with self._lock:
            last = self._last
        if last is not None:
            self.wait(last)

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._waiting) or (self._last is not None
                                           and not self._last.done.is_set())

    def stop(self) -> None:
        """Finish and deliver what was submitted, then end the thread (safe to repeat)."""
        self.drain()
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()
        self.deliver()
        with self._lock:  # the last change's closure holds what it wrote (a note's text)
            self._last = None

    # --- the GUI side -----------------------------------------------------------------------

    def deliver(self) -> None:
        """Hand every final result to the GUI, in submission order (GUI thread only)."""
        while True:
            with self._lock:
                if not self._ready:
                    idle = self._last is None or self._last.done.is_set()
                    break
                op = self._ready.popleft()
            self._deliver(op)
        if idle:
            self.idle.emit()

    def _deliver(self, op: Operation) -> None:
        if op.delivered:
            return
        op.delivered = True
        if op.dropped:
            return
        if op.error is not None:
            if op.on_error is not None:
                op.on_error(op.error)
            else:
                self.failed.emit(error_sentence(op.error))
            return
        if op.changed is not None and op.changed != _nothing_changed():
            self._announce(op.changed, op.initiator)
        if op.on_done is not None:
            op.on_done(op.value)

    # --- the writer thread ------------------------------------------------------------------

    def _run(self) -> None:
        dirty = False  # something was written since idle_work last ran
        while True:
            try:
                op = self._queue.get(timeout=self._idle_s if dirty else None)
            except queue.Empty:
                dirty = False
                self._idle_work()
                continue
            if op is None:
                return
            with self._lock:
                if op in self._waiting:
                    self._waiting.remove(op)
            if not op.dropped:
                self._perform(op)
                dirty = True
            with self._lock:
                self._ready.append(op)
                op.done.set()
            self._finished.emit()

    def _perform(self, op: Operation) -> None:
        from db.services.dto import Changed, Outcome

        try:
            result = op.run(self._services())
        except Exception as error:  # handed to the GUI thread, which says what happened
            if not isinstance(error, ThreadlineError):
                log.warning("operation failed: %s", type(error).__name__)
            op.error = error
            return
        if isinstance(result, Outcome):
            op.value, op.changed = result.value, result.changed
        elif isinstance(result, Changed):
            op.changed = result
        else:
            op.value = result
        if op.changed is not None and self._after_write is not None:
            try:
                self._after_write(self._services(), op.changed)
            except Exception as error:  # the written change stands; its echo is read later
                log.info("reading after a write skipped: %s", type(error).__name__)

    def _idle_work(self) -> None:
        if self.idle_work is None:
            return
        try:
            self.idle_work(self._services())
        except VaultLocked:
            pass
        except Exception as error:  # derived data: the next pause tries again
            log.info("idle work skipped: %s", type(error).__name__)
