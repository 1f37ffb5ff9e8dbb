"""A test fails if it leaves work running: a Python thread, a Qt pool worker, a
background job, or an active timer of a window still open.

Like napari's viewer fixture: what a test starts, it (or the fixtures it uses) must stop,
or the next test runs beside it — against a vault already closed, or holding client text.
Threads get a short grace period to end after the test's own teardown.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest

GRACE_S = 2.0


def _python_threads(before: set[threading.Thread]) -> list[str]:
    # Dummy threads stand for Qt's own threads that ran Python code (they are not ours to
    # join); the Qt pools are checked below.
    return [thread.name for thread in threading.enumerate()
            if thread not in before and thread.is_alive()
            and not isinstance(thread, threading._DummyThread)]


def _names(jobs: object) -> list[str]:
    return [job.name for job in jobs.running()]  # type: ignore[attr-defined]


def _qt_work(grace_ms: int) -> list[str]:
    if "PySide6.QtCore" not in sys.modules:  # a core test: no Qt in it
        return []
    from PySide6.QtCore import QThreadPool

    found = []
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(grace_ms):
        found.append(f"{pool.activeThreadCount()} worker(s) of the global thread pool")
    if "desktop.gui.common.jobs" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        from desktop.gui.common.jobs import every_jobs

        busy = [jobs for jobs in every_jobs() if not jobs.wait_all(grace_ms)]
        found += [f"background jobs still at work: {_names(jobs)}" for jobs in busy]
        QCoreApplication.processEvents()  # answers of jobs just finished arrive (or drop)
        for jobs in every_jobs():
            if jobs not in busy and jobs.running():
                found.append(f"background jobs that never answered: {_names(jobs)}")
    return found


def _live_timers() -> list[str]:
    if "PySide6.QtWidgets" not in sys.modules:
        return []
    import shiboken6
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    found = []
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.isVisible():
            found += [f"{type(widget).__name__}: timer {timer.objectName() or '?'} "
                      f"({timer.interval()} ms)"
                      for timer in widget.findChildren(QTimer) if timer.isActive()]
    return found


def leaks(before: set[threading.Thread], grace_s: float = GRACE_S) -> list[str]:
    """What is still running that was not before (empty: nothing)."""
    deadline = time.monotonic() + grace_s
    while _python_threads(before) and time.monotonic() < deadline:
        time.sleep(0.02)
    found = [f"thread {name}" for name in _python_threads(before)]
    return found + _qt_work(max(1, int((deadline - time.monotonic()) * 1000))) + _live_timers()


@pytest.fixture(autouse=True)
def no_leaked_work(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails a test that leaves a thread, a pool worker, a job or a window's timer running.

    Mark a test ``allow_leaks`` (with a reason) only for a test about a leak itself.
    """
    before = set(threading.enumerate())
    yield
    if request.node.get_closest_marker("allow_leaks") is not None:
        return
    found = leaks(before)
    if found:
        pytest.fail("left running after the test: " + "; ".join(found), pytrace=False)
