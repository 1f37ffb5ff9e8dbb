"""Run slow work (key derivation, backups…) off the GUI thread.

The work function runs in a :class:`QThreadPool` thread and must not touch widgets; its
result or its exception comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Task(QObject):
    """One piece of work. Signals: ``finished(result)``, ``failed(exception)``."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work
        self.running = False


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        try:
            result = self._task._work()
        except BaseException as error:  # handed to the GUI thread, which decides
            self._report(self._task.failed, error)
        else:
            self._report(self._task.finished, result)

    def _report(self, signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the task's object is gone (the app quit): nobody to tell
            _alive.discard(self._task)


_alive: set[Task] = set()  # keeps each Task (and its signals) alive until it reports


def run_task(work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> Task:
    """Start ``work`` in the thread pool; ``on_done``/``on_error`` run on the GUI thread."""
    task = Task(work)
    task.running = True

    def finish(*_: object) -> None:
        task.running = False
        _alive.discard(task)

    task.finished.connect(on_done)
    task.failed.connect(on_error)
    task.finished.connect(finish)
    task.failed.connect(finish)
    _alive.add(task)
    QThreadPool.globalInstance().start(_Runner(task))
    return task
