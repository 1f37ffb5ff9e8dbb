"""Background reads and long jobs: the one way Threadline runs work off the GUI thread.

Key derivation, the integrity check, analytics, search, backup, restore and import all
start here (writes of notes and other mutations are not jobs: they go through the
ordered writer). One :class:`Jobs` belongs to one window's context; tests make their own.

What every job gets, in one place:

* the work runs in this object's :class:`QThreadPool` and never touches a widget; its
  answer, failure and progress reach the GUI thread through queued signals;
* **the stale-answer rule**: a job started with the same ``key`` as a running one makes
  the older one stale; a stale job's answer (or failure) is dropped, never delivered;
* **one error path**: a :class:`ThreadlineError` keeps its sentence, anything else becomes
  :data:`desktop.gui.common.failures.CALM` and only its class and place are logged; ``on_error``
  receives a :class:`Failure`, and a job without ``on_error`` reports through
  :attr:`Jobs.failed`;
* ``cancel_all()`` and ``wait_all()`` for locking and closing.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.gui.common.failures import report

log = logging.getLogger(__name__)

WAIT_MS = 10_000  # how long locking or closing waits for running jobs by default
OWN_THREADS = 8  # jobs on a thread of their own at once (one integrity check, in practice)

Work = Callable[..., Any]
Report = Callable[[object], None]


@dataclass(frozen=True)
class Failure:
    """Why a job did not finish: ``message`` for the clinician (a typed error's sentence,
    else the calm one); ``error`` for code that needs its type or has sentences of its own
    (never shown, never logged as text). The job has logged it already."""

    error: BaseException
    message: str


class Job(QObject):
    """One piece of work. Signals (on the GUI thread): ``done(result)``,
    ``failed(Failure)``, ``progressed(value)``; none of them after the job became stale.

    A job lives on the GUI thread only: its worker never holds it (see :class:`_Runner`),
    so it and everything connected to it are freed where they were made."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(self, jobs: Jobs, name: str, key: Hashable | None,
                 cancel: Callable[[], None] | None, owner: QObject | None) -> None:
        super().__init__()
        self._jobs = jobs
        self.name = name
        self.key = key
        self._owner = owner
        self._cancel = cancel
        self.running = True
        self.stale = False
        self.handles_failure = False  # someone listens to ``failed``, else Jobs.failed

    def cancel(self) -> None:
        """Drop this job's answer; ask the work to stop if it can (``cancel=``)."""
        if self.stale:
            return
        self.stale = True
        if self._cancel is not None:
            try:
                self._cancel()
            except Exception as error:  # cancelling is a courtesy: it must not fail
                log.warning("cancelling %s failed: %s", self.name, type(error).__name__)

    @property
    def wanted(self) -> bool:
        """Not stale, and its owner (if any) still exists."""
        return not self.stale and (self._owner is None or shiboken6.isValid(self._owner))

    def _arrive(self, succeeded: bool, value: object) -> None:
        self.running = False
        if succeeded:
            if self.wanted:
                self.done.emit(value)
            return
        assert isinstance(value, BaseException)
        failure = Failure(value, report(value, self.name))  # logged even when stale
        if not self.wanted:
            return
        if self.handles_failure:
            self.failed.emit(failure)
        else:
            self._jobs.failed.emit(failure.message)

    def _progress(self, value: object) -> None:
        if self.wanted:
            self.progressed.emit(value)


class _Box:
    """A job's work and its outcome, on their way back to the GUI thread."""

    __slots__ = ("work", "succeeded", "value")

    def __init__(self, work: Work | None) -> None:
        self.work = work
        self.succeeded = False
        self.value: object = None


class _Runner(QRunnable):
    """Runs one job's work on a pool thread. Qt deletes it there when ``run`` returns, so
    it holds nothing whose last reference may end with it: not the :class:`Job` (freeing
    it on the pool thread tore down connections to widgets there, and crashed), not the
    :class:`Jobs` (a weak reference), and not the work: the work, its answer or its error
    travel back to the GUI thread in one box, and are let go of there."""

    def __init__(self, jobs: Jobs, token: int, work: Work, with_report: bool) -> None:
        super().__init__()
        self._jobs = weakref.ref(jobs)
        self._token, self._with_report = token, with_report
        self._work: Work | None = work

    def run(self) -> None:
        box = _Box(self._work)
        self._work = None
        assert box.work is not None
        try:
            box.value = box.work(self._report) if self._with_report else box.work()
            box.succeeded = True
        except BaseException as error:  # handed to the GUI thread: the one error path
            box.value = error
        self._emit("_arrived", box)

    def _report(self, value: object) -> None:
        self._emit("_reported", value)

    def _emit(self, signal: str, value: object) -> None:
        jobs = self._jobs()
        if jobs is None:  # the window went away meanwhile: nobody to tell
            return
        with contextlib.suppress(RuntimeError):  # the app quit meanwhile
            getattr(jobs, signal).emit(self._token, value)


_every: weakref.WeakSet[Jobs] = weakref.WeakSet()


class Jobs(QObject):
    """Starts jobs and knows which are running. Signal: ``failed(str)`` for a job that has
    no ``on_error`` of its own (the window shows it in the status bar)."""

    failed = Signal(str)
    # From the workers (queued: this object lives on the GUI thread): (token, box) with the
    # work and its outcome, and (token, progress value).
    _arrived = Signal(int, object)
    _reported = Signal(int, object)

    def __init__(self, parent: QObject | None = None, *, threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if threads is not None:
            self._pool.setMaxThreadCount(threads)
        # Threads of their own end with their job, so what such a job did to its thread
        # (the integrity check lowers its priority) never reaches another job.
        self._own = QThreadPool(self)
        self._own.setMaxThreadCount(OWN_THREADS)
        self._own.setExpiryTimeout(0)
        self._running: dict[int, Job] = {}  # by token, oldest first
        self._latest: dict[Hashable, Job] = {}
        self._tokens = itertools.count()
        self._arrived.connect(self._arrive)
        self._reported.connect(self._progress)
        _every.add(self)

    def start(self, work: Work, *, on_done: Callable[[Any], object] | None = None,
              on_error: Callable[[Failure], object] | None = None,
              on_progress: Callable[[Any], object] | None = None,
              key: Hashable | None = None, cancel: Callable[[], None] | None = None,
              owner: QObject | None = None, name: str = "a background job",
              own_thread: bool = False) -> Job:
        """Run ``work()`` off the GUI thread; the callbacks run on the GUI thread.

        ``on_progress``: ``work`` is then called as ``work(report)``, ``report(value)``
        being safe to call from the worker. ``key``: a running job with the same key
        becomes stale (see the module's rule). ``cancel``: a thread-safe way to ask the
        work to stop, called when the job is cancelled. ``owner``: nothing is delivered
        once this object is deleted (default: ``key``, if it is a QObject, e.g. the view
        that asked). ``name``: what the log calls it.
        ``own_thread``: start at once on a thread of its own even when the pool is busy
        (for work that others wait for, like the integrity check).
        """
        if key is not None and (older := self._latest.get(key)) is not None:
            older.cancel()
        if owner is None and isinstance(key, QObject):
            owner = key
        job = Job(self, name, key, cancel, owner)
        if on_done is not None:
            job.done.connect(on_done)
        if on_error is not None:
            job.failed.connect(on_error)
            job.handles_failure = True
        if on_progress is not None:
            job.progressed.connect(on_progress)
        token = next(self._tokens)
        self._running[token] = job
        if key is not None:
            self._latest[key] = job
        runner = _Runner(self, token, work, on_progress is not None)
        (self._own if own_thread else self._pool).start(runner)
        return job

    def running(self, key: Hashable | None = None) -> list[Job]:
        """The jobs still at work (with ``key``: only that key's, stale ones included)."""
        return [job for job in self._running.values() if key is None or job.key == key]

    def busy(self, key: Hashable) -> bool:
        """Whether the latest job of ``key`` is still at work."""
        latest = self._latest.get(key)
        return latest is not None and latest.running and not latest.stale

    def cancel(self, key: Hashable) -> None:
        """Make the job of ``key`` stale (its answer is dropped)."""
        latest = self._latest.pop(key, None)
        if latest is not None:
            latest.cancel()

    def cancel_all(self) -> None:
        """Every running job becomes stale; those that can stop are asked to."""
        for job in list(self._running.values()):
            job.cancel()
        self._latest.clear()

    def wait_all(self, timeout_ms: int = WAIT_MS) -> bool:
        """Wait for the workers to return (answers still arrive later, as events);
        ``False`` if some were still at work after ``timeout_ms``."""
        finished = self._pool.waitForDone(timeout_ms) and self._own.waitForDone(timeout_ms)
        if not finished:
            log.warning("%d background job(s) still running", self.active_threads)
        return finished

    def shut_down(self, timeout_ms: int = WAIT_MS) -> bool:
        """Cancel everything, wait for the workers and let the pool's threads end."""
        self.cancel_all()
        finished = self.wait_all(timeout_ms)
        self._pool.clear()
        self._pool.setExpiryTimeout(0)  # idle threads end now rather than in 30 s
        return finished

    @property
    def active_threads(self) -> int:
        return self._pool.activeThreadCount() + self._own.activeThreadCount()

    def _arrive(self, token: int, box: _Box) -> None:
        succeeded, value = box.succeeded, box.value
        box.work = box.value = None  # let go of here, on the GUI thread
        job = self._running.pop(token, None)
        if job is None:
            return
        if job.key is not None and self._latest.get(job.key) is job:
            del self._latest[job.key]
        job._arrive(succeeded, value)

    def _progress(self, token: int, value: object) -> None:
        job = self._running.get(token)
        if job is not None:
            job._progress(value)


def lower_priority() -> None:
    """Lower the calling thread's priority where the system allows it (Linux threads have
    their own), for background work that must not slow the window. Call it only on a
    thread of the job's own (``own_thread=True``): it cannot be raised back, and those
    threads end with their job."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere it runs as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def every_jobs() -> list[Jobs]:
    """Every live :class:`Jobs` (for the test fixture that fails a test leaking work)."""
    return [jobs for jobs in _every if shiboken6.isValid(jobs)]
