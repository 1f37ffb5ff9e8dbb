"""Errors reach the person: an exception nothing caught shows one sentence, and the log
gets its class and place, never its text.

These tests turn off pytest-qt's own capture of exceptions in Qt slots
(``qt_no_exception_capture``), so that the app's hooks are the ones that see them, as in
the running app.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desktop.app import install_error_hook
from desktop.gui.common.error_hook import ErrorHook
from desktop.gui.common.failures import CALM
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.search.test_in_main_window import open_window, popup_of

pytestmark = pytest.mark.qt_no_exception_capture

CANARY = "Ash Example spoke about the locked room"  # fictional client text


@pytest.fixture
def searching(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, dict[str, object]]:
    return open_window(qtbot, tmp_path)


@pytest.fixture
def hook(searching: tuple[MainWindow, dict[str, object]]) -> Iterator[ErrorHook]:
    before = sys.excepthook, threading.excepthook
    installed = install_error_hook(searching[0])
    yield installed
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def logged(caplog: pytest.LogCaptureFixture) -> str:
    assert all(record.exc_info is None for record in caplog.records)  # no traceback
    return "\n".join(record.getMessage() for record in caplog.records)


def test_opening_a_hit_whose_session_was_deleted_says_so(
        qtbot: QtBot, searching: tuple[MainWindow, dict[str, object]], hook: ErrorHook,
        caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    """Bug: the slot raised, a traceback went to stderr and the clinician saw nothing."""
    window, ids = searching
    caplog.set_level(logging.DEBUG)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    popup = popup_of(window)
    with qtbot.waitSignal(popup.searcher.results, timeout=5000):
        qtbot.keyClicks(popup.field, "locked room")
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1)
    services = window.context.services
    services.sessions.delete(ids["session"])  # e.g. from another window, meanwhile
    qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    assert window.statusBar().currentMessage() == "That item no longer exists."
    assert "locked" not in logged(caplog)
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "locked" not in err


def test_an_unexpected_error_in_a_slot_shows_the_calm_sentence(
        qtbot: QtBot, searching: tuple[MainWindow, dict[str, object]], hook: ErrorHook,
        caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    window, _ = searching
    caplog.set_level(logging.DEBUG)

    def slot() -> None:
        raise ValueError(CANARY)

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == CALM)
    assert hook.shown[-1] == CALM
    text = logged(caplog)
    assert "ValueError at tests.desktop.gui.test_error_hook:" in text
    assert "locked room" not in text
    assert "locked room" not in capfd.readouterr().err


def test_an_error_in_a_thread_reaches_the_window(
        qtbot: QtBot, searching: tuple[MainWindow, dict[str, object]], hook: ErrorHook,
        caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    window, _ = searching
    caplog.set_level(logging.DEBUG)

    def work() -> None:
        raise KeyError(CANARY)

    thread = threading.Thread(target=work, name="export-worker")
    thread.start()
    thread.join(5)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == CALM)
    text = logged(caplog)
    assert "the thread export-worker failed: KeyError at tests.desktop.gui.test_error_hook:" \
        in text
    assert "locked room" not in text
    assert "locked room" not in capfd.readouterr().err


STARTED_APP = """
import argparse, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop import app

def fails():
    raise ValueError(sys.argv[2])

def report():
    [window] = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    print(window.statusBar().currentMessage(), flush=True)
    QApplication.quit()

app.make_application()
QTimer.singleShot(800, fails)
QTimer.singleShot(2000, report)
sys.exit(app.run_gui(argparse.Namespace(vault=sys.argv[1], quit_after_show=False)))
"""


def test_the_app_installs_the_hooks_when_it_starts(tmp_path: Path) -> None:
    """The real start-up (``run_gui``), in a process of its own: a slot that raises shows
    the calm sentence; stderr and the log name the error's class, not its text."""
    import os
    import subprocess

    from desktop.paths import log_dir

    done = subprocess.run([sys.executable, "-c", STARTED_APP, str(tmp_path / "vault"), CANARY],
                          capture_output=True, text=True, timeout=120, env=os.environ,
                          cwd=Path(__file__).parents[3])
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.strip() == CALM
    assert "locked room" not in done.stderr
    assert "Traceback" not in done.stderr
    log = (log_dir() / "threadline.log").read_text(encoding="utf-8")
    assert "an action failed: ValueError at __main__:" in log
    assert "locked room" not in log


def test_a_failure_to_show_the_sentence_does_not_loop(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    hook = ErrorHook().install()
    try:
        def broken_status_bar(_text: str) -> None:
            raise RuntimeError(CANARY)

        def slot() -> None:
            raise ValueError(CANARY)

        hook.reported.connect(broken_status_bar)
        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: "showing an error failed: RuntimeError" in logged(caplog))
        assert hook.shown == [CALM]
        assert "locked room" not in logged(caplog)
    finally:
        hook.uninstall()
