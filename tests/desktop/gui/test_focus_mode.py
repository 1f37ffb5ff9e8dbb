"""Focus mode: the note alone; the note's text size, remembered on this device."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from desktop.gui.workspace.writing_surface import LINE_CHARACTERS, PAGE_MARGIN, WritingSurface
from tests.conftest import make_vault
from tests.desktop.gui.pipeline_helpers import themed_window


def test_focus_mode_shows_the_note_alone_and_brings_the_panels_back(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = themed_window(qtbot, seeded_vault, settings_path)
    workspace = window.workspace
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    window.open_session(robin.id, session.id)
    qtbot.waitUntil(lambda: workspace.editor.session_id == session.id)
    dock = window.findChild(QDockWidget, "dock-marks")
    assert dock.isVisible()
    surface = workspace.editor.surface()
    surface.setFocus()
    qtbot.keyClick(surface, Qt.Key.Key_F11)
    assert not workspace.clients.isVisible()
    assert not workspace.middle.isVisible()
    assert not dock.isVisible()
    assert not window.toolbar.isVisible()
    assert surface.isVisible()
    qtbot.wait(20)
    margins = surface.viewportMargins()
    line = surface.viewport().width() - 2 * PAGE_MARGIN  # the text's own line
    average = surface.fontMetrics().averageCharWidth()
    assert average * LINE_CHARACTERS <= line <= average * (LINE_CHARACTERS + 3)
    assert abs(margins.left() - margins.right()) <= 1  # centred
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert workspace.clients.isVisible()
    assert workspace.middle.isVisible()
    assert dock.isVisible()
    assert window.toolbar.isVisible()


def test_the_text_size_is_remembered_on_this_device(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    make_vault(folder)[0].close()
    settings_path = tmp_path / "s.ini"
    window = themed_window(qtbot, folder, settings_path)
    surface = window.workspace.editor.surfaces["process"]
    before = surface.font().pointSizeF()
    surface.setFocus()
    qtbot.keyClick(surface, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(surface, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert surface.font().pointSizeF() == before + 2
    assert window.workspace.editor.surfaces["progress"].font().pointSizeF() == before + 2
    window.lock()
    window.shutdown()
    stored = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert float(stored.value("writing/font_size")) == before + 2
    again = themed_window(qtbot, folder, settings_path)
    assert again.workspace.editor.surfaces["process"].font().pointSizeF() == before + 2
    qtbot.keyClick(again.workspace.editor.surfaces["process"], Qt.Key.Key_Minus,
                   Qt.KeyboardModifier.ControlModifier)
    assert again.workspace.editor.surfaces["process"].font().pointSizeF() == before + 1


def line_pitch(surface: WritingSurface) -> int:
    """How far apart two lines of one paragraph stand, in pixels."""
    cursor = surface.textCursor()
    cursor.setPosition(0)
    surface.setTextCursor(cursor)
    first = surface.cursorRect().center().y()
    cursor.movePosition(QTextCursor.MoveOperation.Down)
    surface.setTextCursor(cursor)
    return surface.cursorRect().center().y() - first


def test_the_line_spacing_is_chosen_and_remembered_on_this_device(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = themed_window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    window.open_session(robin.id, session.id)
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.editor.session_id == session.id)
    surface = workspace.editor.surfaces["process"]
    surface.setFocus()
    qtbot.keyClicks(surface, "She went quiet, then joked that I would be glad to be rid of "
                    "her before the break, and that the traffic had been awful again. " * 3)
    workspace.editor.flush()
    text = surface.toPlainText()
    single = line_pitch(surface)
    assert single > 0
    titles = {a.text().replace("&", ""): a for a in window.menus["spacing"].actions()}
    assert titles["Single"].isChecked()
    titles["Double"].trigger()
    qtbot.waitUntil(lambda: line_pitch(surface) >= 2 * single - 1)
    assert line_pitch(surface) <= 2 * single + 1
    assert workspace.editor.surfaces["progress"].line_spacing == 2.0
    assert surface.toPlainText() == text  # how the note is shown, not what it says
    assert not workspace.editor.autosaves["process"].dirty
    # A click lands on the line drawn there.
    cursor_rect = surface.cursorRect()
    qtbot.mouseClick(surface.viewport(), Qt.MouseButton.LeftButton,
                     pos=cursor_rect.center())
    assert surface.cursorRect().center().y() == cursor_rect.center().y()
    window.lock()
    window.shutdown()
    stored = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert float(stored.value("writing/line_spacing")) == 2.0
    assert {key for key in stored.allKeys() if key.startswith("writing/")} == {
        "writing/line_spacing"}  # a number for the device; the size was never changed
    again = themed_window(qtbot, seeded_vault, settings_path)
    titles = {a.text().replace("&", ""): a for a in again.menus["spacing"].actions()}
    assert titles["Double"].isChecked()
    assert again.workspace.editor.surfaces["process"].line_spacing == 2.0
    titles["1.5"].trigger()
    assert again.workspace.editor.surfaces["process"].line_spacing == 1.5
    # Back to single: Qt's own layout again, and the editor still follows its text.
    titles["Single"].trigger()
    surface = again.workspace.editor.surfaces["process"]
    assert surface.line_spacing == 1.0
    again.open_session(robin.id, session.id)
    qtbot.waitUntil(lambda: surface.toPlainText() == text)
    qtbot.waitUntil(lambda: abs(line_pitch(surface) - single) <= 1)
    before = surface.toPlainText()
    surface.setFocus()
    surface.moveCursor(surface.textCursor().MoveOperation.End)
    qtbot.keyClicks(surface, " Later.")
    assert surface.toPlainText() == before + " Later."
    assert again.workspace.editor.autosaves["process"].dirty
