"""Themes in the real main window: the Themes menu, tagging in the note editor, the dock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.services.hub import Services
from db.taxonomy.file import default_taxonomy_path, load_taxonomy
from db.vault.vault import Vault
from desktop.gui.main_window import MainWindow
from desktop.gui.themes.install import ThemesExtension
from desktop.gui.themes.mark_list import MarkListPanel
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import open_session
from tests.desktop.gui.pipeline_helpers import themed_window, type_and_select

NOTE = "He brought a gift for the new baby and then said he did not care either way."


def action(window: MainWindow, text: str) -> object:
    return next(a for a in window.menu("themes").actions() if a.text() == text)


def test_mark_a_passage_from_the_themes_menu(qtbot: QtBot, seeded_vault: Path,
                                             settings_path: Path) -> None:
    window = themed_window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    open_session(qtbot, window, robin.id, session.id)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == session.id)
    surface = workspace.editor.surfaces["process"]
    type_and_select(qtbot, surface, NOTE, "did not care")
    start, cursor = NOTE.index("did not care"), surface.textCursor()
    extension: ThemesExtension = window.themes  # type: ignore[attr-defined]
    tagging = extension.state.taggings["process"]
    action(window, "&Mark passage…").trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(tagging.picker.isVisible)
    qtbot.keyClicks(tagging.picker.filter, "reaction form")
    qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(services.marks.list_for_session(session.id)) == 1)
    [mark] = services.marks.list_for_session(session.id)
    assert mark.theme_key == "dmrs.reaction_formation"
    panel = extension.state.panel
    assert isinstance(panel, MarkListPanel)
    assert panel.isVisibleTo(window)
    qtbot.waitUntil(lambda: "Reaction formation" in (panel.model.index(0, 0).data() or ""))
    # typing before the passage, then the autosave stores the moved anchor
    cursor.setPosition(0)
    surface.setTextCursor(cursor)
    qtbot.keyClicks(surface, "Monday. ")
    window.workspace.flush("manual")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: (a := services.marks.get(mark.id).passage.anchor) is not None
                    and a.start == start + len("Monday. "))


def test_edit_themes_opens_the_editor_and_it_closes_on_lock(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    with Vault.open(seeded_vault) as vault:  # the shipped taxonomy was taken in at creation
        vault.unlock(PASSPHRASE)
        services = Services.for_vault(vault)
        shipped = load_taxonomy(default_taxonomy_path()).revision
        assert services.themes.applied_revision() == shipped
    window = themed_window(qtbot, seeded_vault, settings_path)
    extension: ThemesExtension = window.themes  # type: ignore[attr-defined]
    action(window, "&Edit themes…").trigger()  # type: ignore[attr-defined]
    editor = extension.state.editor_window
    assert editor is not None
    qtbot.waitExposed(editor)
    assert editor.model.rowCount() == 5
    window.lock()
    assert extension.state.editor_window is None
    assert not editor.isVisible()


def test_the_panel_offers_session_marks_only_with_a_session_open(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    """Without a session the buttons did nothing when clicked: they are greyed out instead."""
    window = themed_window(qtbot, seeded_vault, settings_path)
    extension: ThemesExtension = window.themes  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: extension.state.panel is not None)
    panel = extension.state.panel
    assert isinstance(panel, MarkListPanel)
    assert not panel.mark_session.isEnabled()
    assert not panel.episode.isEnabled()
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    open_session(qtbot, window, robin.id, session.id)
    qtbot.waitUntil(panel.mark_session.isEnabled)
    assert panel.episode.isEnabled()
