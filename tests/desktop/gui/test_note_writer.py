"""Notes are written off the GUI thread, in order, and nothing is lost on lock or close.

Another connection holding the database's write lock stands for a slow disk: the saves
wait for it in the writer's thread while the clinician keeps typing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.desktop.gui.test_note_editor import saved, type_note
from tests.desktop.gui.test_unlock_and_lock import select_first_session, unlock


@pytest.fixture
def busy_disk(window: MainWindow) -> Iterator[Any]:
    """Holds the vault's write lock until ``release()`` (from any thread)."""
    vault = window.context.vault
    assert vault is not None
    raw = vault.database.engine.raw_connection()
    raw.execute("BEGIN IMMEDIATE")
    released = threading.Event()

    def release() -> None:
        if not released.is_set():
            released.set()
            raw.execute("ROLLBACK")
            raw.close()

    raw.release = release  # type: ignore[attr-defined]
    yield raw
    release()


def autosave_now(qtbot: QtBot, window: MainWindow) -> None:
    """Let the autosave timer fire (the save is asked for, not necessarily done)."""
    autosave = window.workspace.editor.autosaves["process"]  # type: ignore[union-attr]
    autosave.save_timer.setInterval(10)
    qtbot.waitUntil(lambda: not autosave.save_timer.isActive() and not
                    autosave.draft_timer.isActive())


def stored(window: MainWindow) -> str:
    session_id = window.current_session_id()
    assert session_id is not None
    return window.context.services.notes.load(session_id).process_note


def test_typing_goes_on_while_a_save_waits_for_the_disk(qtbot: QtBot, window: MainWindow,
                                                        busy_disk: Any) -> None:
    select_first_session(qtbot, window)
    type_note(qtbot, window, "Slow disk.")
    autosave_now(qtbot, window)
    assert window.save_state_label.text() == "Saving…"  # asked for, waiting for the disk
    assert stored(window) == ""
    type_note(qtbot, window, " Still typing.")  # the GUI thread is free meanwhile
    editor = window.workspace.editor  # type: ignore[union-attr]
    assert editor.surface().toPlainText() == "Slow disk. Still typing."
    assert window.save_state_label.text() == "Saving…"
    busy_disk.release()
    qtbot.waitUntil(lambda: saved(window), timeout=10_000)
    assert stored(window) == "Slow disk. Still typing."


def test_the_last_text_wins_and_no_stale_draft_is_left(qtbot: QtBot, window: MainWindow,
                                                       busy_disk: Any) -> None:
    select_first_session(qtbot, window)
    for words in ("First", " second", " third."):
        type_note(qtbot, window, words)
        autosave_now(qtbot, window)
    busy_disk.release()
    qtbot.waitUntil(lambda: saved(window), timeout=10_000)
    assert stored(window) == "First second third."
    assert window.context.services.notes.pending_drafts() == []


def test_locking_waits_for_the_writes_still_under_way(qtbot: QtBot, window: MainWindow,
                                                      busy_disk: Any) -> None:
    select_first_session(qtbot, window)
    session_id = window.current_session_id()
    type_note(qtbot, window, "Written just before locking.")
    autosave_now(qtbot, window)
    threading.Timer(0.3, busy_disk.release).start()  # the disk catches up while locking
    assert window.lock() is True
    unlock(qtbot, window)
    assert window.context.services.notes.load(session_id).process_note == \
        "Written just before locking."


def test_closing_waits_for_the_writes_still_under_way(qtbot: QtBot, window: MainWindow,
                                                      busy_disk: Any) -> None:
    from db.services.hub import Services
    from db.vault.vault import Vault

    select_first_session(qtbot, window)
    session_id = window.current_session_id()
    folder = window.context.folder
    type_note(qtbot, window, "Written just before quitting.")
    autosave_now(qtbot, window)
    threading.Timer(0.3, busy_disk.release).start()
    window.close()
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)
        assert Services.for_vault(vault).notes.load(session_id).process_note == \
            "Written just before quitting."
