"""A note edited on two computers: its two texts side by side, and the choice between them."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.sync.flags import open_flags
from db.vocabulary import NoteKind, RevisionReason
from desktop.gui.main_window import MainWindow
from desktop.gui.sync.compare import CompareDialog
from desktop.gui.sync.install import SyncFeature, install
from tests.desktop.gui.conftest import open_window
from tests.sync.gui_helpers import page_with_one_flag, wait_until_no_flags
from tests.sync.helpers import Device, edited_on_two_computers, settle

OFFICE_TEXT = "Spoke of the move to the coast; long silence after mentioning her brother."
LAPTOP_TEXT = "Arrived late, apologetic. Wondered aloud whether I was tired of her."


def edited(tmp_path: Path) -> tuple[Device, uuid.UUID]:
    return edited_on_two_computers(tmp_path, "CT-07", OFFICE_TEXT, LAPTOP_TEXT)


def open_compare(qtbot: QtBot, window: MainWindow) -> tuple[SyncFeature, CompareDialog]:
    feature, page = page_with_one_flag(qtbot, window)
    page.flags.setCurrentRow(0)
    assert page.compare_button.isEnabled()
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    dialog = feature.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.kept.text.toPlainText() != "", timeout=20_000)
    return feature, dialog


def test_the_two_texts_open_side_by_side_and_the_other_text_can_be_used(
        qtbot: QtBot, tmp_path: Path) -> None:
    laptop, session_id = edited(tmp_path)
    window = open_window(qtbot, tmp_path / "office", tmp_path / "s.ini", extensions=(install,))
    try:
        feature, dialog = open_compare(qtbot, window)
        assert dialog.where.text() == "CT-07, session 1 (3 Jun 2026): Process note"
        assert dialog.current.text.toPlainText() == LAPTOP_TEXT
        assert dialog.current.caption.text().startswith("Last saved on Laptop, ")
        assert dialog.kept.text.toPlainText() == OFFICE_TEXT
        assert dialog.kept.caption.text().startswith("From Office (this computer), kept ")
        assert dialog.current.text.isReadOnly()
        assert dialog.kept.text.isReadOnly()
        assert dialog.use_button.isEnabled()
        with qtbot.waitSignal(dialog.settled, timeout=20_000):
            qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
        page = wait_until_no_flags(qtbot, feature)
        notes = window.context.services.notes
        assert notes.load(session_id).process_note == OFFICE_TEXT
        history = notes.revisions(session_id, NoteKind.PROCESS)
        assert history[0].text == OFFICE_TEXT
        assert history[0].reason == RevisionReason.RESTORED
        assert history[1].text == LAPTOP_TEXT  # the text replaced is kept: nothing lost
        assert history[1].reason == RevisionReason.BEFORE_DELETION
        page.reject()
        window.close()
        settle([laptop])
        assert laptop.services.notes.load(session_id).process_note == OFFICE_TEXT
        assert open_flags(laptop.vault) == []
    finally:
        laptop.close()


def test_keeping_the_note_as_it_is_resolves_the_flag_and_changes_no_text(
        qtbot: QtBot, tmp_path: Path) -> None:
    laptop, session_id = edited(tmp_path)
    window = open_window(qtbot, tmp_path / "office", tmp_path / "s.ini", extensions=(install,))
    try:
        feature, dialog = open_compare(qtbot, window)
        with qtbot.waitSignal(dialog.settled, timeout=20_000):
            qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
        page = wait_until_no_flags(qtbot, feature)
        notes = window.context.services.notes
        assert notes.load(session_id).process_note == LAPTOP_TEXT
        page.reject()
        window.close()
        settle([laptop])
        assert open_flags(laptop.vault) == []
    finally:
        laptop.close()
