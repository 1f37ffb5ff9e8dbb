"""The unlock screen on a vault that lost changes or is older than this computer saw."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.common import dialogs
from desktop.gui.vault.unlock import UnlockView
from tests.conftest import PASSPHRASE
from tests.db.test_rollback import make_older_copy, put_back_an_older_database
from tests.desktop.gui.conftest import open_window


def type_and_unlock(qtbot: QtBot, view: UnlockView) -> None:
    qtbot.keyClicks(view.secret, PASSPHRASE)
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)


def test_an_older_copy_opens_once_the_clinician_confirms(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, settings_path: Path) -> None:
    make_older_copy(vault_dir, tmp_path)
    window = open_window(qtbot, vault_dir, settings_path)
    dialogs.preset("confirm", True)
    type_and_unlock(qtbot, window.gate.unlock)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30_000)
    assert window.context.unlocked


def test_an_older_copy_stays_shut_when_declined(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, settings_path: Path) -> None:
    make_older_copy(vault_dir, tmp_path)
    window = open_window(qtbot, vault_dir, settings_path)
    view = window.gate.unlock
    dialogs.preset("confirm", False)
    type_and_unlock(qtbot, view)
    qtbot.waitUntil(lambda: view.error.isVisible(), timeout=30_000)
    assert view.error.text().startswith("This vault is older than the one last opened")
    assert not window.context.unlocked


def test_missing_changes_are_said_in_one_sentence_on_the_unlock_screen(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, settings_path: Path) -> None:
    put_back_an_older_database(vault_dir)
    window = open_window(qtbot, vault_dir, settings_path)
    view = window.gate.unlock
    type_and_unlock(qtbot, view)
    qtbot.waitUntil(lambda: view.error.isVisible(), timeout=30_000)
    assert "saved change" in view.error.text()
    assert "restore your last backup" in view.error.text()
    assert not window.context.unlocked
