"""The window never resizes itself: finalizing, the timeline and switching notes leave it be.

A Qt main window grows to its central widget's minimum size: one label that did not
wrap, or a row of controls, was enough to widen it past a 1366×768 screen and push the
Marks panel off its edge.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from desktop.app import build_window
from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.conftest import unlock

LAPTOP = QSize(1000, 640)  # smaller than the offscreen screen, smaller than the roomy size


def laptop_window(qtbot: QtBot, folder: Path, settings_path: Path) -> MainWindow:
    window = build_window(folder, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=None)
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window


def test_the_window_keeps_its_size(qtbot: QtBot, seeded_vault: Path,
                                   settings_path: Path) -> None:
    window = laptop_window(qtbot, seeded_vault, settings_path)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: window.findChild(object, "dock-marks") is not None)
    sizes = []
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    first, second = services.sessions.list_for_client(robin.id)
    window.open_session(robin.id, first.id)
    qtbot.waitUntil(lambda: workspace.editor.session_id == first.id)
    qtbot.wait(50)
    sizes.append(window.size())
    columns = workspace.splitter.sizes()
    dialogs.preset("confirm", True)
    workspace.editor.finalize_button.click()
    qtbot.waitUntil(lambda: workspace.editor.note is not None
                    and workspace.editor.note.finalized_at is not None)
    qtbot.wait(50)
    sizes.append(window.size())
    assert workspace.splitter.sizes() == columns
    window.open_session(robin.id, second.id)
    qtbot.waitUntil(lambda: workspace.editor.session_id == second.id)
    qtbot.wait(50)
    sizes.append(window.size())
    assert workspace.splitter.sizes() == columns
    window.show_view("timeline")
    qtbot.wait(300)
    sizes.append(window.size())
    window.show_view("workspace")
    qtbot.wait(50)
    sizes.append(window.size())
    assert sizes == [LAPTOP] * len(sizes)
    assert workspace.splitter.sizes() == columns
