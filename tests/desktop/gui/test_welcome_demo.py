"""First run: "Try a demo vault first" opens fictional clients without taking the real
vault's place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.vault.vault import Vault
from desktop.gui.vault.demo_start import DEMO_PASSPHRASE, demo_folder
from tests.desktop.gui.conftest import open_window, unlock


@pytest.mark.slow  # writes the small demo caseload: about 30 s on a busy machine
def test_the_welcome_offers_a_demo_vault_beside_creating_ones_own(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    window = open_window(qtbot, folder, tmp_path / "s.ini")
    welcome = window.gate.welcome
    assert welcome.create_button.text() == "&Create my vault"
    assert welcome.demo_button.text() == "Try a &demo vault first (fictional clients)"
    assert DEMO_PASSPHRASE in welcome.demo_note.text()
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert welcome.busy.isVisible()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=120_000)
    assert window.context.settings.demo_vault
    assert window.workspace.clients.table.model().rowCount() > 0
    assert not Vault.exists(folder)  # the real vault's place stays free
    assert Vault.exists(demo_folder(folder))
    window.lock()
    unlock(qtbot, window, DEMO_PASSPHRASE)  # the passphrase the welcome showed
    assert window.context.unlocked
