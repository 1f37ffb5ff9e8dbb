"""Work off the GUI thread: what happens when nobody is left to receive the answer."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from desktop.gui.tasks import _alive, run_task


def test_a_task_whose_receiver_is_gone_finishes_quietly(
        qtbot: QtBot, capfd: pytest.CaptureFixture[str]) -> None:
    """Quitting (or locking) while a worker runs must not print a traceback."""
    gate = threading.Event()
    task = run_task(lambda: gate.wait(5) and 42, lambda _r: None, lambda _e: None)
    shiboken6.delete(task)  # what quitting the app does to a task still at work
    gate.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert "Traceback" not in capfd.readouterr().err
    assert task not in _alive


def test_a_task_reports_its_result_on_the_gui_thread(qtbot: QtBot) -> None:
    answers: list[object] = []
    main = threading.get_ident()
    run_task(lambda: 6 * 7, lambda r: answers.append((r, threading.get_ident() == main)),
             answers.append)
    qtbot.waitUntil(lambda: bool(answers))
    assert answers == [(42, True)]
