"""Note templates in a real main window over a real vault, driven like a person would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.services.dto import SessionInput
from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.templates.install import TemplatesExtension, install
from tests.desktop.gui.conftest import open_window, unlock


def _window(qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> MainWindow:
    window = open_window(qtbot, seeded_vault, settings_path, extensions=(install,))
    unlock(qtbot, window)
    return window


def _open_first_session(qtbot: QtBot, window: MainWindow) -> object:
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    window.open_session(robin.id, session.id)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.editor.session_id == session.id)
    return session


def test_insert_into_an_empty_note_and_ask_before_a_note_with_text(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = _window(qtbot, seeded_vault, settings_path)
    session = _open_first_session(qtbot, window)
    extension: TemplatesExtension = window.templates  # type: ignore[attr-defined]
    extension.insert_menu.aboutToShow.emit()
    names = [a.text() for a in extension.insert_menu.actions()]
    assert names == ["Process note"]  # the process tab is shown: process templates only
    extension.insert_menu.actions()[0].trigger()
    assert window.workspace is not None
    surface = window.workspace.editor.surfaces["process"]
    assert surface.toPlainText().startswith("Presentation and frame:")
    assert dialogs.asked() == []  # an empty note is not asked about
    # the note now has text: declining changes nothing
    before = surface.toPlainText()
    with dialogs.answering(("confirm", False)):
        extension.insert_menu.actions()[0].trigger()
    assert surface.toPlainText() == before
    assert "already has text" in dialogs.asked()[-1].text
    with dialogs.answering(("confirm", True)):
        extension.insert_menu.actions()[0].trigger()
    assert surface.toPlainText().count("Presentation and frame:") == 2
    surface.undo()  # the insertion is one edit in the note's own undo
    assert surface.toPlainText() == before
    window.workspace.flush("manual")
    services = window.context.services
    qtbot.waitUntil(lambda: services.notes.load(session.id).process_note == before)  # type: ignore[attr-defined]


def test_edit_a_template_undo_it_and_choose_a_clients_default(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = _window(qtbot, seeded_vault, settings_path)
    _open_first_session(qtbot, window)
    extension: TemplatesExtension = window.templates  # type: ignore[attr-defined]
    editor = extension.open_templates()
    qtbot.waitUntil(editor.isVisible)
    services = window.context.services
    editor.list.setCurrentRow(1)  # DAP
    editor.name.clear()
    qtbot.keyClicks(editor.name, "DAP (short)")
    editor.body.setPlainText("D:\nA:\nP:\n")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.templates.get("progress.dap").name == "DAP (short)")
    qtbot.waitUntil(lambda: editor.undo_stack.count() == 1)
    editor.undo_action.trigger()
    qtbot.waitUntil(lambda: services.templates.get("progress.dap").name == "DAP")
    qtbot.waitUntil(lambda: editor.current() is not None
                    and editor.current().name == "DAP")  # type: ignore[union-attr]
    editor.redo_action.trigger()
    qtbot.waitUntil(lambda: services.templates.get("progress.dap").name == "DAP (short)")
    # an empty name is refused in one sentence, and nothing changes
    editor.name.clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.problem.text() == "Give the template a name.")
    assert services.templates.get("progress.dap").name == "DAP (short)"
    # the default for RB-07's progress notes: a new session starts from it
    combo = editor.defaults["progress"]
    combo.setCurrentIndex(combo.findData("progress.dap"))
    combo.activated.emit(combo.currentIndex())
    robin = services.clients.by_code("RB-07")
    qtbot.waitUntil(lambda: services.templates.defaults(robin.id) == {"progress": "progress.dap"})
    made = services.sessions.create(robin.id, SessionInput(date(2026, 3, 16)))
    window.context.events.announce(made.changed)
    new = made.value
    window.open_session(robin.id, new.id)
    assert window.workspace is not None
    qtbot.waitUntil(lambda: window.workspace.editor.session_id == new.id)  # type: ignore[union-attr]
    assert window.workspace.editor.surfaces["progress"].toPlainText() == "D:\nA:\nP:\n"


def test_the_template_window_closes_when_the_vault_locks(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = _window(qtbot, seeded_vault, settings_path)
    extension: TemplatesExtension = window.templates  # type: ignore[attr-defined]
    editor = extension.open_templates()
    qtbot.waitUntil(editor.isVisible)
    window.lock(ask=False)
    qtbot.waitUntil(lambda: extension.templates_window is None)
    assert not extension.insert_menu.menuAction().isEnabled()
