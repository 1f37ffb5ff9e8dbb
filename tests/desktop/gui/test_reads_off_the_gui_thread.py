"""Choosing a client, opening its sessions and typing never read the vault on the GUI
thread: the window keeps painting however long a read takes (a cold cache, the biggest
client, the integrity check reading the whole file beside it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop.gui.common.context import Timings
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.conftest import open_window, settled, unlock
from tests.desktop.gui.pipeline_helpers import Marked, marked_vault, panel_rows, themes_of


@pytest.fixture
def window(qtbot: QtBot, vault_dir: Path, settings_path: Path) -> MainWindow:
    marked = marked_vault(vault_dir)
    window = open_window(qtbot, marked.folder, settings_path, extensions=None)  # the app's own
    window.context.timings = Timings(autosave_ms=50, draft_ms=20)
    unlock(qtbot, window)
    window.marked = marked  # type: ignore[attr-defined]
    return window


@pytest.fixture
def gui_reads(window: MainWindow) -> Iterator[list[str]]:
    """Every statement the vault runs on the GUI thread from now on."""
    engine = window.context.database.engine
    gui = threading.main_thread().ident
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.get_ident() == gui:
            seen.append(statement.split(None, 1)[0] + " " + statement[:60])

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_opening_clients_and_sessions_and_typing_read_nothing_on_the_gui_thread(
        qtbot: QtBot, window: MainWindow, gui_reads: list[str]) -> None:
    marked: Marked = window.marked  # type: ignore[attr-defined]
    workspace = window.workspace
    assert workspace is not None
    workspace.clients.table.selectRow(0)  # as a click on RB-07 does
    settled(qtbot, window)
    assert workspace.client_view.sessions.model.rowCount() == 2
    for session_id in (marked.second, marked.first):
        assert workspace.client_view.sessions.select(session_id)
        settled(qtbot, window)
        assert workspace.current_session_id() == session_id
    qtbot.waitUntil(lambda: len(panel_rows(window)) == 3)  # the marks came with the note
    surface = workspace.editor.surface()
    surface.setFocus()
    surface.moveCursor(surface.textCursor().MoveOperation.End)
    qtbot.keyClicks(surface, " Later")
    qtbot.waitUntil(lambda: window.save_state_label.text() == "Saved", timeout=10_000)
    settled(qtbot, window)
    assert gui_reads == [], "\n".join(gui_reads)
    assert themes_of(window).state.session_id == marked.first


def test_a_late_answer_never_shows_a_session_other_than_the_last_clicked(
        qtbot: QtBot, window: MainWindow) -> None:
    marked: Marked = window.marked  # type: ignore[attr-defined]
    workspace = window.workspace
    assert workspace is not None
    workspace.clients.table.selectRow(0)
    settled(qtbot, window)
    sessions = workspace.client_view.sessions
    # Down and up again before any answer can arrive: the first read's answer is stale.
    sessions.table.setFocus()
    assert sessions.select(marked.second)
    assert sessions.select(marked.first)
    qtbot.keyClick(sessions.table, Qt.Key.Key_Down)
    qtbot.keyClick(sessions.table, Qt.Key.Key_Up)
    settled(qtbot, window)
    assert sessions.current_session_id() == workspace.current_session_id()
    note = workspace.editor.note
    assert note is not None
    assert note.session_id == sessions.current_session_id()


def test_another_clients_sessions_are_never_shown_beside_a_new_choice(
        qtbot: QtBot, window: MainWindow) -> None:
    from db.services.dto import ClientInput

    window.context.services.clients.create(ClientInput("ZZ-99", "Zoe Other"))
    workspace = window.workspace
    assert workspace is not None
    workspace.reload_clients()
    workspace.clients.table.selectRow(0)  # RB-07, with two sessions
    settled(qtbot, window)
    assert workspace.middle.currentWidget() is workspace.client_view
    workspace.clients.table.selectRow(1)  # ZZ-99: its reading is on its way
    # Until it arrives, the middle says so instead of showing RB-07's sessions.
    assert workspace.middle.currentWidget() is workspace.opening
    settled(qtbot, window)
    assert workspace.middle.currentWidget() is workspace.client_view
    client = workspace.client_view.client
    assert client is not None
    assert client.code == "ZZ-99"
    assert workspace.client_view.sessions.model.rowCount() == 0


def test_text_a_crash_left_is_looked_for_off_the_gui_thread(
        qtbot: QtBot, vault_dir: Path, settings_path: Path) -> None:
    """Bug: after unlocking, the window looked for unsaved drafts on the GUI thread (and a
    restored draft was shown by reading the note there again)."""
    from sqlalchemy.engine import Engine

    from db.services.hub import Services
    from db.vault.vault import Vault
    from desktop.gui.common import dialogs
    from desktop.gui.workspace.drafts import RESTORE
    from tests.conftest import PASSPHRASE

    marked = marked_vault(vault_dir)
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE)
        Services.for_vault(vault).notes.save_draft(marked.first, "process",
                                                   "Text the power cut left")
    gui = threading.main_thread().ident
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.get_ident() == gui and "note_draft" in statement:
            seen.append(statement[:60])

    event.listen(Engine, "before_cursor_execute", record)
    try:
        window = open_window(qtbot, vault_dir, settings_path, extensions=None)
        dialogs.preset("choice", RESTORE)
        unlock(qtbot, window)
        qtbot.waitUntil(lambda: any(a.kind == "choice" for a in dialogs.asked()))
        window.context.operations.drain()
        settled(qtbot, window)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert "session 1 (RB-07)" in next(a for a in dialogs.asked() if a.kind == "choice").text
    assert seen == []
    assert window.context.services.notes.load(marked.first).process_note == \
        "Text the power cut left"


def test_a_changed_setting_and_the_backup_status_are_read_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, gui_reads: list[str]) -> None:
    """Bug (seen in a CI run): when an automatic backup finished, the status bar read the
    vault settings on the GUI thread, and so did the first look at a setting after any
    change of settings."""
    from desktop.gui.backup.install import BackupFeature
    from desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.auto_lock.setValue(17)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
    assert window.context.settings.auto_lock_minutes == 17  # the new value, already read
    feature = window.findChild(BackupFeature)
    assert feature is not None
    feature.status.setText("")
    feature.refresh()  # what a finished backup and the minute timer call
    qtbot.waitUntil(lambda: feature.status.text() == "No backup yet")
    assert gui_reads == [], "\n".join(gui_reads)


def test_the_automatic_backup_check_reads_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, gui_reads: list[str]) -> None:
    """Bug (seen in a parallel run): the automatic backups' check read the vault settings
    on the GUI thread, at each unlock and every ten minutes."""
    from desktop.gui.backup.install import BackupFeature

    feature = window.findChild(BackupFeature)
    assert feature is not None
    scheduler = feature.scheduler
    assert scheduler is not None
    qtbot.waitUntil(lambda: not scheduler.checking)
    assert scheduler.check()
    qtbot.waitUntil(lambda: not scheduler.checking)
    assert gui_reads == [], "\n".join(gui_reads)
