"""A demo vault says in the main window that its clients are fictional."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from db.services.hub import Services
from desktop.app import build_window
from desktop.gui import demo_banner
from desktop.gui.main_window import MainWindow
from tests.conftest import make_vault
from tests.desktop.gui.conftest import unlock


def _window(qtbot: QtBot, folder: Path, settings_path: Path) -> MainWindow:
    from PySide6.QtCore import QSettings

    from db.crypto.kdf import Argon2Params

    window = build_window(folder, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=(demo_banner.install,))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window


def _notice(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "demo-vault-notice")
    assert isinstance(label, QLabel)
    return label


def test_demo_vault_shows_the_notice_until_locked(qtbot: QtBot, vault_dir: Path,
                                                  settings_path: Path) -> None:
    vault, _ = make_vault(vault_dir)
    Services.for_vault(vault).settings.update(demo_vault=True)
    vault.close()
    window = _window(qtbot, vault_dir, settings_path)
    notice = _notice(window)
    qtbot.waitUntil(notice.isVisible)
    assert notice.text() == "Demo vault: all clients are fictional"
    window.lock()
    qtbot.waitUntil(lambda: not notice.isVisible())


def test_an_ordinary_vault_has_no_notice(qtbot: QtBot, vault_dir: Path,
                                         settings_path: Path) -> None:
    make_vault(vault_dir)[0].close()
    window = _window(qtbot, vault_dir, settings_path)
    assert not _notice(window).isVisible()
