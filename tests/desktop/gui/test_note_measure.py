"""The note keeps a line of about 70 characters with every panel shown: the columns and
the docks narrow, then fold away, before the text does; the window keeps its size.

Bug: at 1366×768 with the Marks and Measures docks shown, the note's column was 223 px
across (about 28 characters) while the sessions list and the docks kept their width.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from desktop.app import build_window
from desktop.gui.main_window import MainWindow
from desktop.gui.workspace.measure_keeper import CLIENTS, MIDDLE
from desktop.gui.workspace.writing_surface import LINE_CHARACTERS
from tests.desktop.gui.conftest import open_session, unlock

LAPTOP = QSize(1366, 768)


def full_window(qtbot: QtBot, folder: Path, settings_path: Path, size: QSize) -> MainWindow:
    """The app's own window (every extension), with a session open and every dock shown."""
    window = build_window(folder, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=None)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    open_session(qtbot, window, robin.id, session.id)
    for key in ("marks", "measures"):
        assert window.show_dock(key) is not None
    return window


def line_fits(window: MainWindow) -> bool:
    surface = window.workspace.editor.surface()
    return surface.viewport().width() >= LINE_CHARACTERS * surface.fontMetrics(
    ).averageCharWidth()


def within_window(window: MainWindow) -> bool:
    surface = window.workspace.editor.surface()
    right = surface.viewport().mapTo(window, QPoint(surface.viewport().width(), 0)).x()
    return right <= window.width()


def test_the_note_keeps_its_measure_on_a_laptop_with_every_panel(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = full_window(qtbot, seeded_vault, settings_path, LAPTOP)
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible()]
    assert {d.objectName() for d in docks} >= {"dock-marks", "dock-measures"}
    qtbot.waitUntil(lambda: line_fits(window))
    assert window.size() == LAPTOP
    assert within_window(window)
    workspace = window.workspace
    sizes = workspace.splitter.sizes()
    assert sizes[MIDDLE] > 0  # the sessions stay in view at 1366 px
    assert all(d.isVisible() and d.width() > 150 for d in docks)  # the docks too


def test_a_smaller_window_folds_columns_and_the_keys_bring_them_back(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = full_window(qtbot, seeded_vault, settings_path, QSize(1000, 640))
    workspace = window.workspace
    qtbot.waitUntil(lambda: line_fits(window))
    assert window.size() == QSize(1000, 640)
    assert within_window(window)
    assert workspace.splitter.sizes()[CLIENTS] == 0
    assert "Ctrl+Shift+" in window.statusBar().currentMessage()
    surface = workspace.editor.surface()
    surface.setFocus()
    qtbot.keyClick(surface, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert workspace.splitter.sizes()[CLIENTS] > 100
    assert QApplication.focusWidget() is workspace.clients.table
    # Room again: what was folded away comes back by itself, and the line stays.
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: all(size > 100 for size in workspace.splitter.sizes()))
    qtbot.waitUntil(lambda: line_fits(window))
    assert window.size() == QSize(1920, 1080)


def test_a_wide_window_leaves_the_columns_alone(qtbot: QtBot, seeded_vault: Path,
                                                settings_path: Path) -> None:
    window = full_window(qtbot, seeded_vault, settings_path, QSize(1920, 1080))
    qtbot.waitUntil(lambda: line_fits(window))
    qtbot.wait(50)
    keeper = window.comfort.keeper
    assert keeper is not None
    assert keeper.folded == []
    assert min(window.workspace.splitter.sizes()) > 100


def test_the_columns_fold_before_the_first_note_is_shown(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    """Going to a session (e.g. from search) makes the note's room while its client is
    shown: the note opens into a window that keeps its layout. It used to fold the columns
    only once the note was in, and the whole window was laid out and painted again with
    the note's own paint."""
    window = full_window(qtbot, seeded_vault, settings_path, QSize(1000, 640))
    workspace = window.workspace
    qtbot.waitUntil(lambda: line_fits(window))
    services = window.context.services
    other = next(c for c in services.clients.list_clients() if c.code != "RB-07")
    open_session(qtbot, window, other.id)  # a client without a note shown
    assert workspace.editor.note is None
    workspace.panes.reveal("clients")  # the clinician brings the clients back
    assert workspace.splitter.sizes()[CLIENTS] > 0
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    at_the_note: list[list[int]] = []
    workspace.editor.note_loaded.connect(
        lambda session_id: session_id is not None
        and at_the_note.append(workspace.splitter.sizes()))
    open_session(qtbot, window, robin.id, session.id)
    qtbot.waitUntil(lambda: line_fits(window))
    assert at_the_note
    assert at_the_note[0][CLIENTS] == 0  # folded before the note came
    assert workspace.splitter.sizes() == at_the_note[0]  # and the note kept the layout


def test_a_column_that_comes_back_is_no_longer_said_to_be_folded(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    """Bug: widened right after a fold, the window showed the clients list again while the
    status bar still said, for its six seconds, that it was folded away."""
    window = full_window(qtbot, seeded_vault, settings_path, QSize(1000, 640))
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.splitter.sizes()[CLIENTS] == 0)
    assert "clients list is folded away" in window.statusBar().currentMessage()
    window.resize(QSize(1920, 1080))
    qtbot.waitUntil(lambda: workspace.splitter.sizes()[CLIENTS] > 0)
    assert "folded away" not in window.statusBar().currentMessage()
