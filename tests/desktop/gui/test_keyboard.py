"""The keyboard: which note takes the typing is always shown, Ctrl+1 / Ctrl+2 choose it,
F6 moves between the panes, and the pane with the keyboard shows a clear ring."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from tests.desktop.gui.test_unlock_and_lock import select_first_session

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_tab_does_not_switch_notes_without_a_word(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    """Ctrl+Tab switched to the progress note silently, and the typing went there; now it
    leaves the note (Tab types a tab), and the kind changes only by its own keys."""
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    surface = editor.surface()
    surface.setFocus()
    assert editor.kind_label.text() == "Process note"
    assert editor.kind_label.isVisible()
    qtbot.keyClick(surface, Qt.Key.Key_Tab, CTRL)
    assert editor.kind == "process"
    assert QApplication.focusWidget() is not surface
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab,
                   CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, CTRL)  # from the control
    assert QApplication.focusWidget() is not surface  # before: back past the note
    surface.setFocus()
    qtbot.keyClick(surface, Qt.Key.Key_Tab)
    assert surface.toPlainText() == "\t"
    assert QApplication.focusWidget() is surface
    surface.clear()
    qtbot.keyClick(surface, Qt.Key.Key_2, CTRL)
    assert editor.kind == "progress"
    assert editor.kind_label.text() == "Progress note"
    assert "progress note" in window.statusBar().currentMessage()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, CTRL)
    assert editor.kind == "process"
    assert editor.kind_label.text() == "Process note"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert editor.kind == "progress"
    qtbot.keyClicks(QApplication.focusWidget(), "For the record.")
    assert editor.surfaces["progress"].toPlainText() == "For the record."
    assert editor.surfaces["process"].toPlainText() == ""


def focused_pane(window: MainWindow) -> str:
    workspace = window.workspace
    focus = QApplication.focusWidget()
    return {workspace.clients.table: "clients",
            workspace.client_view.sessions.table: "sessions",
            workspace.editor.surface(): "note"}.get(focus, repr(focus))


def test_f6_cycles_the_panes_and_each_has_a_key(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    workspace = window.workspace
    workspace.clients.table.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(focused_pane(window))
    assert seen == ["sessions", "note", "clients", "sessions"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert focused_pane(window) == "clients"
    shift_ctrl = CTRL | Qt.KeyboardModifier.ShiftModifier
    for key, pane in ((Qt.Key.Key_O, "note"), (Qt.Key.Key_S, "sessions"),
                      (Qt.Key.Key_C, "clients")):
        qtbot.keyClick(QApplication.focusWidget(), key, shift_ctrl)
        assert focused_pane(window) == pane


def ring_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage()
    highlight = widget.palette().color(QPalette.ColorRole.Highlight)
    return sum(1 for y in range(image.height())
               if QColor(image.pixel(0, y)) == highlight)


def test_the_pane_with_the_keyboard_has_a_clear_ring(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    table = window.workspace.clients.table
    window.workspace.editor.surface().setFocus()
    qtbot.wait(20)
    assert ring_pixels(table) == 0
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.wait(20)
    assert ring_pixels(table) > table.height() * 0.8  # a line down its whole left edge
