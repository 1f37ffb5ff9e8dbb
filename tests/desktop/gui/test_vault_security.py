"""Vault security in the window: a new passphrase after a recovery-key unlock, the notice
when the recovery key no longer works, and the settings' Change passphrase / new key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.crypto.keyfile import KeyFile
from db.errors import WrongPassphrase, WrongRecoveryKey
from db.vault.files import KEY_NAME
from desktop.gui.common import dialogs
from desktop.gui.keys.after_unlock import RecoveryNoticeDialog
from desktop.gui.keys.passphrase_dialog import REKEY_LABEL, ChangePassphraseDialog
from desktop.gui.keys.recovery_key_dialog import RecoveryKeyDialog
from desktop.gui.main_window import MainWindow
from desktop.gui.settings_dialog import SettingsDialog
from tests.conftest import PASSPHRASE, make_vault
from tests.desktop.gui.conftest import open_window, unlock

NEW = "moonlit orchard gate nine"


def _checked(qtbot: QtBot, window: MainWindow) -> None:
    """Until the background integrity check has passed (re-encrypting waits for it)."""
    vault = window.context.vault
    assert vault is not None
    qtbot.waitUntil(lambda: not vault.database.writes_held, timeout=30_000)


def _type_new(qtbot: QtBot, dialog: ChangePassphraseDialog) -> None:
    qtbot.keyClicks(dialog.form.first, NEW)
    qtbot.keyClicks(dialog.form.second, NEW)


def _store_key(qtbot: QtBot, dialog: RecoveryKeyDialog) -> str:
    key = dialog.key_label.text()
    assert key.count("-") == 8
    dialog.stored.setChecked(True)
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.key_label.text() == ""  # not kept in the widget
    return key


def test_recovery_unlock_leads_to_a_new_passphrase_and_re_encryption(
        qtbot: QtBot, tmp_path: Path) -> None:
    vault, old_recovery = make_vault(tmp_path / "vault")
    vault.close()
    window = open_window(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    view = window.gate.unlock
    qtbot.mouseClick(view.mode_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.secret, old_recovery)
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.keys_dialog, ChangePassphraseDialog),
                    timeout=30_000)
    dialog = window.keys_dialog
    assert isinstance(dialog, ChangePassphraseDialog)
    assert not dialog.current.isVisible()  # the passphrase was forgotten: not asked
    assert dialog.rekey.text() == REKEY_LABEL
    assert dialog.rekey.isChecked()  # re-encrypting is the default
    _type_new(qtbot, dialog)
    _checked(qtbot, window)
    with qtbot.waitSignal(dialog.recovery_key_made, timeout=60_000):
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.key_dialog is not None
    fresh = _store_key(qtbot, dialog.key_dialog)
    keyfile = KeyFile.load(tmp_path / "vault" / KEY_NAME)
    keyfile.open_with_passphrase(NEW)
    keyfile.open_with_recovery_key(fresh)
    with pytest.raises(WrongRecoveryKey):
        keyfile.open_with_recovery_key(old_recovery)
    assert window.context.services.clients.list_clients() == []  # still working


def test_damaged_recovery_slot_is_told_and_a_new_key_offered(
        qtbot: QtBot, tmp_path: Path) -> None:
    vault, old_recovery = make_vault(tmp_path / "vault")
    vault.close()
    path = tmp_path / "vault" / KEY_NAME
    doc = json.loads(path.read_text())
    doc["slots"]["recovery"]["kdf"]["salt"] = "A" * 22 + "=="
    path.write_text(json.dumps(doc))
    window = open_window(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(window.keys_dialog, RecoveryNoticeDialog))
    offer = window.keys_dialog
    assert isinstance(offer, RecoveryNoticeDialog)
    assert "recovery key of this vault no longer works" in offer.message.text()
    qtbot.mouseClick(offer.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(RecoveryKeyDialog) is not None, timeout=10_000)
    shown = window.findChild(RecoveryKeyDialog)
    assert isinstance(shown, RecoveryKeyDialog)
    fresh = _store_key(qtbot, shown)
    keyfile = KeyFile.load(path)
    keyfile.open_with_recovery_key(fresh)
    with pytest.raises(WrongRecoveryKey):
        keyfile.open_with_recovery_key(old_recovery)


def _settings_of_a_new_vault(qtbot: QtBot, tmp_path: Path) -> tuple[SettingsDialog, str]:
    """A new vault unlocked in the window, its Settings open; and its recovery key."""
    vault, recovery = make_vault(tmp_path / "vault")
    vault.close()
    window = open_window(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    unlock(qtbot, window)
    window.open_settings()
    settings = window.settings_dialog
    assert settings is not None
    return settings, recovery


def test_settings_change_passphrase_without_re_encrypting(qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    settings, recovery = _settings_of_a_new_vault(qtbot, tmp_path)
    qtbot.mouseClick(settings.change_passphrase_button, Qt.MouseButton.LeftButton)
    dialog = settings.security_dialog
    assert isinstance(dialog, ChangePassphraseDialog)
    qtbot.keyClicks(dialog.current, "not my passphrase at all")
    _type_new(qtbot, dialog)
    dialog.rekey.setChecked(False)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.error.text() != "",
                    timeout=30_000)
    assert dialog.error.text() == "Wrong passphrase."
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    keyfile = KeyFile.load(tmp_path / "vault" / KEY_NAME)
    keyfile.open_with_passphrase(NEW)
    keyfile.open_with_recovery_key(recovery)  # same data key: the recovery key still works
    with pytest.raises(WrongPassphrase):
        keyfile.open_with_passphrase(PASSPHRASE)


def test_settings_make_a_new_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    settings, old_recovery = _settings_of_a_new_vault(qtbot, tmp_path)
    dialogs.preset("confirm", True)
    qtbot.mouseClick(settings.recovery_key_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(settings.security_dialog, RecoveryKeyDialog),
                    timeout=10_000)
    shown = settings.security_dialog
    assert isinstance(shown, RecoveryKeyDialog)
    fresh = _store_key(qtbot, shown)
    keyfile = KeyFile.load(tmp_path / "vault" / KEY_NAME)
    keyfile.open_with_recovery_key(fresh)
    with pytest.raises(WrongRecoveryKey):
        keyfile.open_with_recovery_key(old_recovery)
