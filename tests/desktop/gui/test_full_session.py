"""A whole working session with every extension: nothing untrue is shown, nothing raises.

Client → session → note → mark → finalize → timeline → search → lock → unlock → quit.
pytest-qt fails the test on any exception raised in a Qt slot (a traceback the clinician
would have met).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.search.dto import SearchFilters
from db.services.passages import LOST_MESSAGE
from desktop.gui.common import dialogs
from desktop.gui.search.install import SearchWiring
from desktop.gui.themes.install import ThemesExtension
from tests.conftest import make_vault
from tests.desktop.gui.conftest import open_window, unlock
from tests.desktop.gui.pipeline_helpers import type_and_select

NOTE = "He brought a gift for the new baby and then said he did not care either way."


def test_a_full_session_of_use_shows_no_untrue_state(qtbot: QtBot, vault_dir: Path,
                                                     settings_path: Path) -> None:
    make_vault(vault_dir)[0].close()
    window = open_window(qtbot, vault_dir, settings_path, extensions=None)
    unlock(qtbot, window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    workspace = window.workspace
    assert workspace is not None
    form = workspace.new_client()
    qtbot.keyClicks(form.code, "NT-03")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_client_id() is not None)
    session_form = workspace.new_session()
    assert session_form is not None
    qtbot.mouseClick(session_form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.editor.session_id is not None)
    session_id = workspace.editor.session_id
    surface = workspace.editor.surfaces["process"]
    type_and_select(qtbot, surface, NOTE, "did not care")
    themes: ThemesExtension = window.themes  # type: ignore[attr-defined]
    tagging = themes.state.taggings["process"]
    assert tagging.mark_selection()
    qtbot.waitUntil(tagging.picker.isVisible)
    qtbot.keyClicks(tagging.picker.filter, "reaction form")
    qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(tagging.highlighter.items) == 1)
    dialogs.preset("confirm", True)
    assert workspace.editor.finalize()
    qtbot.waitUntil(lambda: window.save_state_label.text() == "Finalized")
    services = window.context.services
    note = services.notes.load(session_id)
    assert note.process_note == NOTE
    assert note.finalized_at is not None
    [mark] = services.marks.list_for_session(session_id)
    anchor = mark.passage.anchor
    assert anchor is not None
    assert note.process_note[anchor.start:anchor.end] == "did not care"
    assert window.show_view("timeline") is not None
    search = window.findChild(SearchWiring)
    assert search is not None
    found = search._search("gift", SearchFilters(), 10)
    assert [hit.session_id for hit in found.hits] == [session_id]
    window.show_view("workspace")
    window.lock()
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == session_id)
    qtbot.waitUntil(lambda: len(window.themes.state.taggings["process"]  # type: ignore[attr-defined]
                                .highlighter.items) == 1)
    assert window.save_state_label.text() == "Finalized"
    window.close()
    assert not window.context.unlocked
    assert not [m for m in messages if LOST_MESSAGE in m.lower() or "not saved" in m.lower()]
