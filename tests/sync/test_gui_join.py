"""Joining from the window on a computer with no vault: File ▸ Sync… or the welcome's
Join, from a pairing file or the latest backup, then the folder the computers share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.backup.service import create_backup
from db.services.dto import ClientInput
from db.sync import pairing
from db.sync.service import SyncService
from desktop.gui.main_window import MainWindow
from desktop.gui.sync.install import install
from desktop.gui.sync.join import JoinDialog
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import open_window
from tests.sync.helpers import first_device, group_of

SECRET = "a backup passphrase 42"


def _fill(qtbot: QtBot, dialog: JoinDialog, file: Path, secret: str, folder: Path) -> None:
    qtbot.keyClicks(dialog.file, str(file))
    qtbot.keyClicks(dialog.secret, secret)
    qtbot.keyClicks(dialog.folder, str(folder))
    dialog.device_name.clear()
    qtbot.keyClicks(dialog.device_name, "Laptop")
    qtbot.keyClicks(dialog.form.first, PASSPHRASE)
    qtbot.keyClicks(dialog.form.second, PASSPHRASE)


def _finish(qtbot: QtBot, window: MainWindow) -> None:
    welcome = window.gate.welcome
    qtbot.waitUntil(lambda: welcome.pages.currentIndex() == 1, timeout=60_000)
    assert "syncs with the other computer" in welcome.key_note.text()
    assert welcome.key_label.text()  # the recovery key of the new vault, shown once
    welcome.stored.setChecked(True)
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.context.unlocked, timeout=20_000)


def test_file_sync_on_a_computer_without_a_vault_joins_with_a_pairing_file(
        qtbot: QtBot, tmp_path: Path) -> None:
    office = first_device(tmp_path / "office", tmp_path / "Sync")
    office.services.clients.create(ClientInput(code="JN-01"))
    office.sync.run()
    secret = pairing.one_time_passphrase()
    (tmp_path / "pair.age").write_bytes(pairing.make(group_of(office), secret))
    window = open_window(qtbot, tmp_path / "laptop", tmp_path / "s.ini", extensions=(install,))
    try:
        assert window.gate.currentWidget() is window.gate.welcome
        sync_action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                           if a.text() == "Sync…")
        sync_action.trigger()  # File ▸ Sync… with no vault here: Join
        dialog = window.gate.welcome.join_dialog
        assert isinstance(dialog, JoinDialog)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        assert dialog.error.text() == "Choose the pairing file."  # nothing made yet
        assert not (tmp_path / "laptop" / "vault.key").exists()
        _fill(qtbot, dialog, tmp_path / "pair.age", "WRONG-WRONG-WRONG", tmp_path / "Sync")
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.join_button.isEnabled(), timeout=20_000)
        assert dialog.error.text()  # one sentence; still no vault
        assert window.context.vault is None
        dialog.secret.clear()
        qtbot.keyClicks(dialog.secret, secret)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        _finish(qtbot, window)
        assert window.context.services.clients.by_code("JN-01")
        assert {d.name for d in SyncService(window.context).status().devices} == {
            "Office", "Laptop"}
    finally:
        window.close()
        office.close()


def test_the_welcome_joins_from_the_latest_backup(qtbot: QtBot, tmp_path: Path) -> None:
    office = first_device(tmp_path / "office", tmp_path / "Sync")
    create_backup(office.vault.database, tmp_path / "b.age", passphrase=SECRET)
    office.services.clients.create(ClientInput(code="JN-02"))  # after the backup
    office.sync.run()
    window = open_window(qtbot, tmp_path / "laptop", tmp_path / "s.ini", extensions=(install,))
    try:
        welcome = window.gate.welcome
        qtbot.mouseClick(welcome.join_button, Qt.MouseButton.LeftButton)
        dialog = welcome.join_dialog
        assert isinstance(dialog, JoinDialog)
        dialog.by_backup.setChecked(True)
        _fill(qtbot, dialog, tmp_path / "b.age", SECRET, tmp_path / "Sync")
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        _finish(qtbot, window)
        assert window.context.services.clients.by_code("JN-02")  # came through the folder
    finally:
        window.close()
        office.close()
