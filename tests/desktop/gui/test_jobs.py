"""Background jobs: answers on the GUI thread, the stale-answer rule, the one error path."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from db.errors import NotFound
from desktop.gui.common.failures import CALM
from desktop.gui.common.jobs import Failure, Jobs

CANARY = "Robin Example said the word lighthouse"  # fictional client text


@pytest.fixture
def jobs() -> Iterator[Jobs]:
    made = Jobs()
    yield made
    made.shut_down(5000)


def test_the_answer_arrives_on_the_gui_thread(qtbot: QtBot, jobs: Jobs) -> None:
    answers: list[object] = []
    main = threading.get_ident()
    job = jobs.start(lambda: (6 * 7, threading.get_ident() != main),
                     on_done=lambda r: answers.append((r, threading.get_ident() == main)))
    assert job.running
    qtbot.waitUntil(lambda: bool(answers))
    assert answers == [((42, True), True)]
    assert not job.running
    assert jobs.running() == []


def test_a_newer_job_with_the_same_key_makes_the_older_answer_stale(
        qtbot: QtBot, jobs: Jobs) -> None:
    gate = threading.Event()
    answers: list[str] = []
    older = jobs.start(lambda: gate.wait(5) and "older", on_done=answers.append, key="search")
    newer = jobs.start(lambda: "newer", on_done=answers.append, key="search")
    assert older.stale
    assert not newer.stale
    qtbot.waitUntil(lambda: answers == ["newer"])
    gate.set()
    qtbot.waitUntil(lambda: not older.running)
    qtbot.wait(20)  # the older answer has arrived by now, and must have been dropped
    assert answers == ["newer"]
    assert not jobs.busy("search")


def test_a_stale_failure_is_dropped_too(qtbot: QtBot, jobs: Jobs) -> None:
    gate = threading.Event()
    failures: list[Failure] = []

    def fails() -> None:
        gate.wait(5)
        raise NotFound

    older = jobs.start(fails, on_error=failures.append, key="timeline")
    done: list[object] = []
    jobs.start(lambda: 1, on_done=done.append, on_error=failures.append, key="timeline")
    gate.set()
    qtbot.waitUntil(lambda: not older.running and bool(done))
    assert failures == []


def test_a_typed_error_keeps_its_sentence(qtbot: QtBot, jobs: Jobs) -> None:
    def missing() -> None:
        raise NotFound

    with qtbot.waitSignal(jobs.start(missing, on_error=lambda _f: None).failed) as signal:
        pass
    failure = signal.args[0]
    assert isinstance(failure.error, NotFound)
    assert failure.message == "That item no longer exists."


def test_an_unexpected_error_becomes_the_calm_sentence_and_its_class_is_logged(
        qtbot: QtBot, jobs: Jobs, caplog: pytest.LogCaptureFixture) -> None:
    def breaks() -> None:
        raise ValueError(CANARY)

    caplog.set_level(logging.DEBUG)
    failures: list[Failure] = []
    jobs.start(breaks, on_error=failures.append, name="reading the caseload")
    qtbot.waitUntil(lambda: bool(failures))
    assert failures[0].message == CALM
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "reading the caseload failed: ValueError at tests.desktop.gui.test_jobs:" in logged
    assert "lighthouse" not in logged
    assert all(r.exc_info is None for r in caplog.records)  # no traceback either


def test_a_job_without_on_error_reports_through_jobs_failed(qtbot: QtBot, jobs: Jobs) -> None:
    def breaks() -> None:
        raise RuntimeError(CANARY)

    with qtbot.waitSignal(jobs.failed) as signal:
        jobs.start(breaks)
    assert signal.args == [CALM]


def test_nothing_arrives_once_the_owner_is_gone(qtbot: QtBot, jobs: Jobs,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    """Locking deletes the views that asked; their answers must not reach them."""
    owner = QObject()
    gate = threading.Event()
    answers: list[object] = []
    job = jobs.start(lambda: gate.wait(5) and 42, on_done=answers.append, key=owner)
    shiboken6.delete(owner)
    gate.set()
    assert jobs.wait_all(5000)
    qtbot.waitUntil(lambda: not job.running)
    assert answers == []
    assert "Traceback" not in capfd.readouterr().err


def test_progress_arrives_in_order_on_the_gui_thread(qtbot: QtBot, jobs: Jobs) -> None:
    seen: list[object] = []
    main = threading.get_ident()

    def counts(report: object) -> str:
        assert callable(report)
        for step in range(3):
            report(step)
        return "done"

    jobs.start(counts, on_progress=lambda v: seen.append((v, threading.get_ident() == main)),
               on_done=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 4)
    assert seen == [(0, True), (1, True), (2, True), "done"]


def test_cancel_all_asks_the_work_to_stop_and_wait_all_waits(qtbot: QtBot, jobs: Jobs) -> None:
    stop = threading.Event()
    answers: list[object] = []
    job = jobs.start(lambda: stop.wait(10) and "stopped", on_done=answers.append,
                     cancel=stop.set, key="backup")
    assert jobs.busy("backup")
    jobs.cancel_all()
    assert stop.is_set()
    assert job.stale
    assert jobs.wait_all(5000)
    qtbot.waitUntil(lambda: not job.running)
    assert answers == []
    assert not jobs.busy("backup")


def test_a_job_on_its_own_thread_runs_while_the_pool_is_full(qtbot: QtBot) -> None:
    """The integrity check must run while writes in the pool wait for its verdict."""
    jobs = Jobs(threads=1)
    verdict = threading.Event()
    answers: list[object] = []
    jobs.start(lambda: verdict.wait(5) and "written", on_done=answers.append)
    jobs.start(lambda: verdict.set() or "checked", on_done=answers.append, own_thread=True)
    qtbot.waitUntil(lambda: len(answers) == 2)
    # "written" (not False) proves the check ran while the pool's one thread was waiting;
    # which of the two answers is delivered first is up to the threads.
    assert sorted(map(str, answers)) == ["checked", "written"]
    assert jobs.shut_down(5000)




class _Freed:
    """Writes down on which thread it was freed (after ``linger`` seconds there)."""

    def __init__(self, where: dict[str, threading.Thread], name: str,
                 linger: float = 0.0) -> None:
        self._where, self._name, self._linger = where, name, linger

    def __del__(self) -> None:
        time.sleep(self._linger)
        self._where[self._name] = threading.current_thread()


def test_what_a_job_holds_is_let_go_of_on_the_gui_thread(qtbot: QtBot, jobs: Jobs) -> None:
    """Bug: the worker held the job, so when the GUI thread had taken the answer first the
    job (and every callback connected to it, with the widgets they hold) was freed on the
    pool thread, and Qt crashed tearing those connections down there (a segmentation fault
    seen once in a full run, reproduced 1 in 14 under load). Here the work's own clean-up
    takes a while on the worker, so the GUI thread takes the answer first."""
    where: dict[str, threading.Thread] = {}
    answers: list[object] = []

    def start() -> None:
        held_by_work = _Freed(where, "the work", linger=0.3)
        held_by_callback = _Freed(where, "the callback")
        jobs.start(lambda: held_by_work and "answer",
                   on_done=lambda value: held_by_callback and answers.append(value))

    start()
    qtbot.waitUntil(lambda: len(where) == 2, timeout=10_000)
    assert answers == ["answer"]
    assert where == {"the work": threading.main_thread(),
                     "the callback": threading.main_thread()}
