"""First run: the welcome creates a vault; weak passphrases are refused; the key is shown once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from db.vault.vault import Vault
from desktop.gui.common import dialogs
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import open_window


def test_the_welcome_creates_a_vault_and_shows_the_recovery_key_once(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    window = open_window(qtbot, folder, tmp_path / "s.ini")
    welcome = window.gate.welcome
    assert window.gate.currentWidget() is welcome
    qtbot.keyClicks(welcome.form.first, PASSPHRASE)
    qtbot.keyClicks(welcome.form.second, PASSPHRASE)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert welcome.busy.isVisible()
    assert welcome.busy.caption.text() == "Deriving key…"
    qtbot.waitUntil(lambda: welcome.pages.currentIndex() == 1, timeout=30_000)
    key = welcome.key_label.text()
    assert key.count("-") >= 4
    assert not welcome.continue_button.isEnabled()
    qtbot.mouseClick(welcome.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key
    dialogs.preset("print", True)
    qtbot.mouseClick(welcome.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked()[-1].kind == "print"
    welcome.stored.click()
    assert welcome.continue_button.isEnabled()
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert welcome.key_label.text() == ""
    assert window.workspace.clients.empty.isVisible()
    window.close()
    with Vault.open(folder) as vault:
        vault.unlock_with_recovery_key(key)


def test_a_weak_passphrase_is_refused_and_nothing_is_created(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    window = open_window(qtbot, folder, tmp_path / "s.ini")
    welcome = window.gate.welcome
    qtbot.keyClicks(welcome.form.first, "password1")
    assert "common" in welcome.form.hint.text()
    qtbot.keyClicks(welcome.form.second, "password1")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert welcome.error.isVisible()
    assert "common" in welcome.error.text()
    assert welcome.pages.currentIndex() == 0
    assert not Vault.exists(folder)


def test_the_two_passphrases_must_match(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    welcome = window.gate.welcome
    qtbot.keyClicks(welcome.form.first, PASSPHRASE)
    qtbot.keyClicks(welcome.form.second, PASSPHRASE + "x")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert welcome.error.text() == "The two passphrases differ."
    assert not Vault.exists(tmp_path / "vault")
