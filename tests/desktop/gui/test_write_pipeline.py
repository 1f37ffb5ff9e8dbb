"""What the clinician sees stays true: marks after unlocking, the status bar while browsing,
anchors saved with their text, a GUI that never waits for the integrity check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from db.services.passages import LOST_MESSAGE, PassageService
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.conftest import open_session, unlock
from tests.desktop.gui.pipeline_helpers import (
    HeldWrites,
    Marked,
    highlighted,
    marked_vault,
    panel_rows,
    themed_window,
    themes_of,
    wait_for_marks,
)


@pytest.fixture
def marked(vault_dir: Path) -> Marked:
    return marked_vault(vault_dir)


def open_first(qtbot: QtBot, window: MainWindow, marked: Marked) -> None:
    open_session(qtbot, window, marked.client_id, marked.first)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == marked.first)


def test_marks_and_highlights_are_back_after_unlocking(qtbot: QtBot, marked: Marked,
                                                       settings_path: Path) -> None:
    """Bug 1: after lock and unlock the note showed no highlights, "No marks yet"."""
    window = themed_window(qtbot, marked.folder, settings_path)
    open_first(qtbot, window, marked)
    qtbot.waitUntil(lambda: len(panel_rows(window)) == 3)
    assert highlighted(window, "process") == ["the traffic was awful", "went quiet"]
    window.lock()
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == marked.first)
    qtbot.waitUntil(lambda: themes_of(window).state.panel is not None
                    and len(panel_rows(window)) == 3)
    assert highlighted(window, "process") == ["the traffic was awful", "went quiet"]
    assert highlighted(window, "progress") == ["spoke of the coming break"]


def test_browsing_sessions_never_claims_a_passage_was_deleted(
        qtbot: QtBot, marked: Marked, settings_path: Path) -> None:
    """Bug 2: a false "Passage deleted — now a session mark." while only browsing."""
    window = themed_window(qtbot, marked.folder, settings_path)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    workspace = window.workspace
    assert workspace is not None
    for session_id in (marked.first, marked.second, marked.first, marked.second):
        open_session(qtbot, window, marked.client_id, session_id)
        qtbot.waitUntil(lambda s=session_id: workspace.editor.session_id == s)
        window.context.operations.drain()
    assert not [m for m in messages if LOST_MESSAGE in m.lower()]
    services = window.context.services
    for session_id in (marked.first, marked.second):
        for mark in services.marks.list_for_session(session_id):
            assert not mark.passage.lost, mark.theme_name  # nothing was turned into one


def test_anchors_are_saved_in_the_same_transaction_as_their_text(
        qtbot: QtBot, marked: Marked, settings_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug 8: anchors were saved by a second transaction after the text; a crash between
    the two (here: that second step failing) left them out of step."""
    window = themed_window(qtbot, marked.folder, settings_path)
    open_first(qtbot, window, marked)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(PassageService, "save", crash)
    workspace = window.workspace
    assert workspace is not None
    surface = workspace.editor.surfaces["process"]
    cursor = surface.textCursor()
    cursor.setPosition(0)
    surface.setTextCursor(cursor)
    surface.setFocus()
    qtbot.keyClicks(surface, "Monday. ")
    assert workspace.flush("manual")
    services = window.context.services
    text = services.notes.load(marked.first).process_note
    assert text.startswith("Monday. She arrived late")
    for mark in services.marks.list_for_session(marked.first):
        anchor = mark.passage.anchor
        assert anchor is not None
        if mark.passage.note_kind == "process":
            assert text[anchor.start:anchor.end] == anchor.text


def test_the_gui_never_waits_for_writes_the_integrity_check_holds(
        qtbot: QtBot, marked: Marked, settings_path: Path) -> None:
    """Bug 5: opening a note wrote (passages.sync) and so waited for the check."""
    window = themed_window(qtbot, marked.folder, settings_path)
    held = HeldWrites(window.context.database)
    try:
        workspace = window.workspace
        assert workspace is not None
        for session_id in (marked.first, marked.second, marked.first):
            open_session(qtbot, window, marked.client_id, session_id)
            qtbot.waitUntil(lambda s=session_id: workspace.editor.session_id == s)
            surface = workspace.editor.surfaces["process"]
            surface.moveCursor(QTextCursor.MoveOperation.End)
            surface.setFocus()
            qtbot.keyClicks(surface, " Typed while the check runs.")
        assert not held.by_watchdog  # no GUI call waited for a held write
        # the text still on its way is what the note shows when reopened
        assert workspace.editor.surfaces["process"].toPlainText().endswith(
            "The end. Typed while the check runs. Typed while the check runs.")
    finally:
        held.release()
    assert workspace.flush()
    services = window.context.services
    assert services.notes.load(marked.first).process_note.endswith(
        "The end. Typed while the check runs. Typed while the check runs.")
    assert services.notes.load(marked.second).process_note.endswith(
        "did not give. Typed while the check runs.")


def test_the_pipeline_indexes_when_writing_pauses_and_search_finds_every_saved_word(
        qtbot: QtBot, marked: Marked, settings_path: Path) -> None:
    from desktop.gui.search.install import install as install_search

    window = themed_window(qtbot, marked.folder, settings_path, (install_search,))
    open_first(qtbot, window, marked)
    workspace = window.workspace
    assert workspace is not None
    surface = workspace.editor.surfaces["process"]
    surface.moveCursor(QTextCursor.MoveOperation.End)
    surface.setFocus()
    qtbot.keyClicks(surface, " Kestrel.")
    assert workspace.flush()  # an autosave: the note's index entry waits
    services = window.context.services
    qtbot.waitUntil(lambda: services.indexer.pending() == 0, timeout=10_000)  # idle work
    qtbot.keyClicks(surface, " Merlin.")
    assert workspace.flush()
    from desktop.gui.search.install import SearchWiring

    search = window.findChild(SearchWiring)
    assert search is not None
    from db.search.dto import SearchFilters

    found = search._search("merlin", SearchFilters(), 10)  # what the popup's job calls
    assert [hit.session_id for hit in found.hits] == [marked.first]


def test_lock_and_unlock_return_to_the_same_session_marks_and_place(
        qtbot: QtBot, marked: Marked, settings_path: Path) -> None:
    window = themed_window(qtbot, marked.folder, settings_path)
    open_first(qtbot, window, marked)
    workspace = window.workspace
    assert workspace is not None
    surface = workspace.editor.surfaces["process"]
    qtbot.waitUntil(lambda: surface.verticalScrollBar().maximum() > 10)
    surface.verticalScrollBar().setValue(10)
    window.context.operations.drain()
    wait_for_marks(qtbot, window, marked.first)
    before = (panel_rows(window), highlighted(window, "process"),
              highlighted(window, "progress"))
    assert len(before[0]) == 3
    assert before[1]
    assert before[2]
    window.lock()
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == marked.first)
    assert workspace.editor.kind == "process"
    qtbot.waitUntil(lambda: themes_of(window).state.panel is not None
                    and len(panel_rows(window)) == 3)
    window.context.operations.drain()
    after = (panel_rows(window), highlighted(window, "process"),
             highlighted(window, "progress"))
    assert after == before
    surface = workspace.editor.surfaces["process"]
    qtbot.waitUntil(lambda: surface.verticalScrollBar().value() == 10)


def test_theme_edits_and_their_undo_go_through_the_pipeline(
        qtbot: QtBot, marked: Marked, settings_path: Path) -> None:
    from desktop.gui.common import dialogs
    window = themed_window(qtbot, marked.folder, settings_path)
    services = window.context.services
    theme_id = services.themes.ids_by_key(["dmrs.humor"])["dmrs.humor"]
    editor = themes_of(window).edit_themes()
    editor.select(theme_id)
    held = HeldWrites(window.context.database)
    try:
        dialogs.preset("text", "Wit")
        assert editor.rename() is None  # asked for; the GUI does not wait for the vault
        assert not held.by_watchdog
    finally:
        held.release()
    qtbot.waitUntil(lambda: editor.undo_stack.count() == 1)
    assert services.themes.taxonomy().theme(theme_id).name == "Wit"
    editor.undo_stack.undo()
    editor.undo_stack.redo()
    editor.undo_stack.undo()
    window.context.operations.drain()
    assert services.themes.taxonomy().theme(theme_id).name == "Humor"
