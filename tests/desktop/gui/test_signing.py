"""Marking needs a session; an addendum says it is for good; a finalized note is signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.errors import ValidationError
from db.interchange.files import export_markdown
from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.settings_dialog import SettingsDialog
from tests.desktop.gui.pipeline_helpers import themed_window
from tests.desktop.gui.test_unlock_and_lock import select_first_session


def test_mark_session_is_disabled_without_a_session(qtbot: QtBot, seeded_vault: Path,
                                                    settings_path: Path) -> None:
    """"Mark whole session…" was enabled with no session open and did nothing."""
    window = themed_window(qtbot, seeded_vault, settings_path)
    actions = {a.text(): a for a in window.menu("themes").actions()}
    for text in ("Mark &whole session…", "&Mark passage…", "Relationship &episode…"):
        assert not actions[text].isEnabled()
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    window.open_session(robin.id, session.id)
    qtbot.waitUntil(actions["Mark &whole session…"].isEnabled)
    assert actions["&Mark passage…"].isEnabled()


def finalized(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    dialogs.preset("confirm", True)
    qtbot.mouseClick(editor.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.addenda.isVisible)


def test_an_addendum_says_it_is_for_good_before_it_is_saved(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    finalized(qtbot, window)
    editor = window.workspace.editor
    qtbot.keyClicks(editor.addenda.composer, "Telephoned the next day.")
    dialogs.preset("confirm", False)
    qtbot.mouseClick(editor.addenda.add_button, Qt.MouseButton.LeftButton)
    asked = dialogs.asked()[-1]
    assert asked.kind == "confirm"
    assert "never be changed" in asked.text
    qtbot.wait(100)
    assert window.context.services.notes.load(editor.session_id).addenda == ()
    assert editor.addenda.composer.toPlainText() == "Telephoned the next day."
    dialogs.preset("confirm", True)
    qtbot.mouseClick(editor.addenda.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.context.services.notes.load(
        editor.session_id).addenda) == 1)


def test_the_clinician_name_signs_a_finalized_note_and_its_export(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.clinician, "Dr A. Example")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.context.services.settings.load().clinician_name == "Dr A. Example"
    finalized(qtbot, window)
    editor = window.workspace.editor
    assert "by Dr A. Example" in dialogs.asked()[-1].text  # said before finalizing
    qtbot.waitUntil(lambda: " by Dr A. Example;" in editor.signature.text())
    export_markdown(window.context.database, tmp_path / "notes")
    texts = [p.read_text("utf-8") for p in (tmp_path / "notes").rglob("*.md")]
    assert sum(" UTC by Dr A. Example" in text for text in texts) == 1


def test_a_clinician_name_on_two_lines_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    services = window.context.services
    with pytest.raises(ValidationError, match="one line"):
        services.settings.update(clinician_name="Dr A.\nExample")
