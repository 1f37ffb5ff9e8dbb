"""Run a backup job off the GUI thread; its result or error comes back as a signal.

(The same pattern as the workspace's task runner; kept here so backups do not depend
on the main window's module layout.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Job(QObject):
    """Signals: ``done(result)`` or ``failed(exception)``, on the thread that made the job."""

    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: Job, work: Callable[[], Any]) -> None:
        super().__init__()
        self._job, self._work = job, work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the GUI thread, which shows it
            self._job.failed.emit(error)
        else:
            self._job.done.emit(result)


_running: set[Job] = set()


def run_job(work: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> Job:
    job = Job()
    job.done.connect(on_done)
    job.failed.connect(on_error)
    job.done.connect(lambda _: _running.discard(job))
    job.failed.connect(lambda _: _running.discard(job))
    _running.add(job)
    QThreadPool.globalInstance().start(_Runnable(job, work))
    return job
