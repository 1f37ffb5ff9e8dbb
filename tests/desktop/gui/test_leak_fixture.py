"""The fixture that fails a test leaving work running finds each kind of leftover."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.common.jobs import Jobs
from tests.leaks import leaks


def test_a_thread_left_running_is_found() -> None:
    before = set(threading.enumerate())
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="left-behind")
    thread.start()
    try:
        assert leaks(before, grace_s=0.1) == ["thread left-behind"]
    finally:
        stop.set()
        thread.join()
    assert leaks(before, grace_s=0.1) == []


def test_a_job_still_at_work_is_found(qtbot: QtBot) -> None:
    before = set(threading.enumerate())
    jobs = Jobs()
    gate = threading.Event()
    jobs.start(lambda: gate.wait(5), name="a slow export")
    try:
        assert leaks(before, grace_s=0.1) == ["background jobs still at work: ['a slow export']"]
    finally:
        gate.set()
        assert jobs.shut_down(5000)
    assert leaks(before, grace_s=0.1) == []


def test_an_active_timer_of_an_open_window_is_found(qtbot: QtBot) -> None:
    before = set(threading.enumerate())
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    timer = QTimer(window)
    timer.setObjectName("autosave")
    timer.start(60_000)
    assert leaks(before, grace_s=0.1) == ["QWidget: timer autosave (60000 ms)"]
    timer.stop()
    assert leaks(before, grace_s=0.1) == []
