"""The note editor never loses a word: autosave, drafts after a crash, failed saves, finalize."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.vault.vault import Vault
from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.workspace.drafts import RESTORE
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import WindowFactory, settled
from tests.desktop.gui.test_unlock_and_lock import select_first_session


def type_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    surface = window.workspace.editor.surface()
    surface.setFocus()
    qtbot.keyClicks(surface, text)


def saved(window: MainWindow) -> bool:
    return window.save_state_label.text() == "Saved"


def test_typed_text_is_autosaved_and_there_after_reopening(
        qtbot: QtBot, window: MainWindow, window_factory: WindowFactory) -> None:
    select_first_session(qtbot, window)
    session_id = window.current_session_id()
    type_note(qtbot, window, "She spoke of her father's silence.")
    assert window.save_state_label.text() == "Saving…"
    qtbot.waitUntil(lambda: saved(window), timeout=5000)
    assert window.context.services.notes.load(session_id).process_note == \
        "She spoke of her father's silence."
    assert window.workspace.editor.words.text() == "6 words"
    window.close()
    again = window_factory()
    select_first_session(qtbot, again)
    assert again.workspace.editor.surface().toPlainText() == "She spoke of her father's silence."


def test_a_draft_left_by_a_crash_is_offered_back(
        qtbot: QtBot, window: MainWindow, window_factory: WindowFactory,
        seeded_vault: Path) -> None:
    select_first_session(qtbot, window)
    session_id = window.current_session_id()
    autosave = window.workspace.editor.autosaves["process"]
    autosave.save_timer.setInterval(60_000)  # the crash comes before the autosave would
    type_note(qtbot, window, "Mid-sentence when the power")
    qtbot.waitUntil(lambda: not autosave.draft_timer.isActive(), timeout=5000)
    window.workspace.editor.writer.drain()  # the draft has reached the disk
    # The crash: the process dies; nothing goes through the normal close path.
    window._shut_down = True
    autosave.stop()
    window.workspace.editor.writer.stop()  # its thread dies with the process
    window.context.operations.stop()  # and so does the window's writer thread
    vault = window.context.vault
    assert isinstance(vault, Vault)
    vault.close()
    window.close()
    dialogs.preset("choice", RESTORE)
    again = window_factory()
    qtbot.waitUntil(lambda: any(a.kind == "choice" for a in dialogs.asked()))
    asked = [a for a in dialogs.asked() if a.kind == "choice"][0]
    assert "session 2 (RB-07)" in asked.text
    again.context.operations.drain()  # the restore is a write of the pipeline
    assert again.context.services.notes.load(session_id).process_note == \
        "Mid-sentence when the power"
    assert again.context.services.notes.pending_drafts() == []


def test_a_failed_save_keeps_the_text_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    vault = window.context.vault
    assert isinstance(vault, Vault)
    vault.lock()  # locked underneath the editor
    type_note(qtbot, window, "Words that must survive")
    qtbot.waitUntil(lambda: window.save_state_label.text() == "Not saved", timeout=5000)
    assert window.workspace.editor.surface().toPlainText() == "Words that must survive"
    message = window.statusBar().currentMessage()
    assert message.startswith("Not saved: The vault is locked.")
    assert "still in the editor" in message
    vault.unlock(PASSPHRASE)
    type_note(qtbot, window, ".")
    qtbot.waitUntil(lambda: saved(window), timeout=5000)
    assert window.context.services.notes.load(window.current_session_id()).process_note == \
        "Words that must survive."


def test_finalize_makes_the_note_read_only_and_allows_addenda(
        qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    type_note(qtbot, window, "Final words.")
    dialogs.preset("confirm", True)
    qtbot.mouseClick(editor.finalize_button, Qt.MouseButton.LeftButton)
    assert editor.surface().isReadOnly()  # at once, while the pipeline finalizes
    qtbot.waitUntil(lambda: editor.signature.text().startswith("Finalized on "))
    assert not editor.finalize_button.isEnabled()
    note = window.context.services.notes.load(editor.session_id)
    assert note.process_note == "Final words."
    assert note.finalized_at is not None
    qtbot.keyClicks(editor.surface(), "more")
    assert editor.surface().toPlainText() == "Final words."
    assert editor.addenda.isVisible()
    qtbot.keyClicks(editor.addenda.composer, "Telephoned the next day.")
    dialogs.preset("confirm", True)  # once added, it can never be changed
    qtbot.mouseClick(editor.addenda.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.addenda.composer.toPlainText() == "")
    note = window.context.services.notes.load(editor.session_id)
    assert [a.text for a in note.addenda] == ["Telephoned the next day."]
    assert "Telephoned the next day." in editor.addenda.history.toPlainText()
    assert editor.addenda.composer.toPlainText() == ""


def test_an_empty_addendum_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    dialogs.preset("confirm", True)
    editor.finalize()
    qtbot.waitUntil(editor.addenda.isVisible)
    qtbot.mouseClick(editor.addenda.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.addenda.error.text() == "An addendum needs some text.")
    assert window.context.services.notes.load(editor.session_id).addenda == ()


def test_progress_note_tab_undo_find_and_save_now(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert editor.kind == "progress"
    type_note(qtbot, window, "Attended, engaged, no risk noted.")
    qtbot.keyClick(editor.surface(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Saved.")
    assert window.context.services.notes.load(editor.session_id).progress_note == \
        "Attended, engaged, no risk noted."
    revisions = window.context.services.notes.revisions(editor.session_id, "progress")
    assert revisions[0].reason == "manual"
    qtbot.keyClick(editor.surface(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert editor.find_bar.isVisible()
    qtbot.keyClicks(editor.find_bar.field, "engaged")
    assert editor.surface().textCursor().selectedText() == "engaged"
    qtbot.keyClicks(editor.find_bar.field, "zzz")
    assert editor.find_bar.result.text() == "Not found"
    qtbot.keyClick(editor.find_bar.field, Qt.Key.Key_Escape)
    assert not editor.find_bar.isVisible()
    editor.surface().undo()
    assert editor.surface().toPlainText() != "Attended, engaged, no risk noted."


def test_a_revision_can_be_copied_back(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    type_note(qtbot, window, "First version.")
    editor.save_now()
    editor.replace_text("Second version.")
    editor.save_now()
    editor.show_history()
    qtbot.waitUntil(lambda: editor.history_dialog is not None)
    dialog = editor.history_dialog
    assert dialog is not None
    assert dialog.list.count() == 2
    dialog.list.setCurrentRow(1)
    assert dialog.preview.toPlainText() == "First version."
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert editor.surface().toPlainText() == "First version."
    window.context.operations.drain()
    assert window.context.services.notes.load(editor.session_id).process_note == \
        "First version."
    editor.surface().undo()
    assert editor.surface().toPlainText() == "Second version."


def test_saving_a_five_thousand_word_note_is_fast(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    editor = window.workspace.editor
    words = " ".join(f"word{i % 97}" for i in range(5000))
    editor.surface().setPlainText(words)
    autosave = editor.autosaves["process"]
    start = time.perf_counter()
    assert autosave.save("autosave")
    first = time.perf_counter() - start
    editor.surface().appendPlainText("and one more")
    start = time.perf_counter()
    assert autosave.save("autosave")
    second = time.perf_counter() - start
    assert max(first, second) < 0.25  # well under a frame budget of a pause in typing


def test_lock_with_unsaved_text_asks_and_keeps_writing(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    vault = window.context.vault
    assert isinstance(vault, Vault)
    vault.lock()
    type_note(qtbot, window, "Unsaveable for now")
    dialogs.preset("confirm", False)  # "Keep writing"
    assert window.lock() is False
    assert window.workspace is not None
    assert window.workspace.editor.surface().toPlainText() == "Unsaveable for now"
    window._idle()  # auto-lock does not throw the words away either
    assert window.workspace is not None
    assert "did not lock itself" in window.statusBar().currentMessage()
    vault.unlock(PASSPHRASE)
    assert window.lock() is True
    assert window.workspace is None


def test_quit_with_unsaved_text_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    vault = window.context.vault
    assert isinstance(vault, Vault)
    vault.lock()
    type_note(qtbot, window, "Still here")
    dialogs.preset("confirm", False)
    window.close()
    assert window.isVisible()
    vault.unlock(PASSPHRASE)
    window.close()
    assert not window.isVisible()


def test_autosave_updates_its_row_without_reloading_the_session_list(
        qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    model = window.workspace.client_view.sessions.model
    resets: list[bool] = []
    updated: list[int] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, _bottom, _roles=(): updated.append(top.row()))
    type_note(qtbot, window, "A first line.")
    qtbot.waitUntil(lambda: saved(window), timeout=5000)
    # A long treatment has hundreds of rows: a save refreshes only its own (read again
    # off the GUI thread).
    qtbot.waitUntil(lambda: updated != [])
    settled(qtbot, window)
    assert resets == []
    assert updated == [model.row_of(window.current_session_id())]


def test_finalizing_never_widens_the_window(qtbot: QtBot, window: MainWindow) -> None:
    """The signature line wraps: a finalized note asks for no more width than an open one."""
    window.show()
    qtbot.waitExposed(window)
    select_first_session(qtbot, window)
    editor = window.workspace.editor

    def needed() -> int:
        qtbot.wait(200)  # the labels' layout requests are delivered
        editor.layout().activate()
        return editor.minimumSizeHint().width()

    qtbot.waitUntil(lambda: editor.isVisible() and editor.note is not None)
    editable = needed()
    dialogs.preset("confirm", True)
    editor.finalize()
    qtbot.waitUntil(lambda: editor.signature.text().startswith("Finalized on "))
    qtbot.waitUntil(editor.addenda.isVisible)
    assert needed() <= editable
