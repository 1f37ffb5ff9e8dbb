"""Marking a passage takes whole words: a drag that ends inside a word takes the word."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from desktop.gui.themes.text_positions import to_qt
from desktop.gui.themes.word_snap import snap_to_words
from desktop.gui.workspace.writing_surface import WritingSurface
from tests.desktop.gui.pipeline_helpers import themed_window, themes_of

NOTE = "She said the traffic was awful, then spoke of her sister's visit."


def point_in(surface: WritingSurface, at: int) -> QPoint:
    cursor = surface.textCursor()
    cursor.setPosition(to_qt(surface.toPlainText(), at))
    return surface.cursorRect(cursor).center()


def drag(qtbot: QtBot, surface: WritingSurface, start: int, end: int,
         modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    viewport = surface.viewport()
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, modifier, point_in(surface, start))
    qtbot.mouseMove(viewport, point_in(surface, (start + end) // 2))
    qtbot.mouseMove(viewport, point_in(surface, end))
    qtbot.mouseRelease(viewport, left, modifier, point_in(surface, end))


def open_note(qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> MainWindow:
    window = themed_window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    window.open_session(robin.id, session.id)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == session.id)
    surface = workspace.editor.surfaces["process"]
    surface.setFocus()
    qtbot.keyClicks(surface, NOTE)
    return window


@pytest.mark.parametrize(("modifier", "expected"), [
    (Qt.KeyboardModifier.NoModifier, "traffic was awful"),
    (Qt.KeyboardModifier.AltModifier, "affic was aw"),
])
def test_a_drag_inside_words_marks_whole_words(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path,
        modifier: Qt.KeyboardModifier, expected: str) -> None:
    window = open_note(qtbot, seeded_vault, settings_path)
    surface = window.workspace.editor.surfaces["process"]  # type: ignore[union-attr]
    start = NOTE.index("affic")
    drag(qtbot, surface, start, NOTE.index("ful,"), modifier)
    tagging = themes_of(window).state.taggings["process"]
    anchor = tagging.selected_anchor()
    assert anchor is not None
    assert anchor.text == expected
    if modifier == Qt.KeyboardModifier.NoModifier:  # what is seen is what is marked
        assert surface.textCursor().selectedText() == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (NOTE.index("affic"), NOTE.index("ful,"), "traffic was awful"),
    (NOTE.index("sister") + 3, NOTE.index("sister") + 7, "sister's"),
    (NOTE.index("the traffic"), NOTE.index(" was"), "the traffic"),
])
def test_snap_to_words(start: int, end: int, expected: str) -> None:
    first, last = snap_to_words(NOTE, start, end)
    assert NOTE[first:last] == expected
