"""Real main windows over real vaults, driven like a person would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.app import Extension, build_window
from desktop.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE, make_vault

WindowFactory = Callable[[], MainWindow]


def open_window(qtbot: QtBot, folder: Path, settings_path: Path,
                extensions: tuple[Extension, ...] | None = ()) -> MainWindow:
    """A main window on ``folder``, shown; ``extensions``: none by default, ``None`` for
    the app's own (search, backups, timeline, themes, demo notice)."""
    window = build_window(folder, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=extensions)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    return window


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    view = window.gate.unlock
    assert window.gate.currentWidget() is view
    # The last unlock's task says it is finished in an event of its own, after the
    # workspace was built: a test that locks without letting events run must wait for it.
    qtbot.waitUntil(lambda: not view.busy_now)
    qtbot.keyClicks(view.secret, passphrase)
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30_000)
    settled(qtbot, window)


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the workspace shows what was chosen (it reads off the GUI thread)."""
    workspace = window.workspace
    if workspace is not None:
        qtbot.waitUntil(lambda: workspace.settled, timeout=30_000)


def open_session(qtbot: QtBot, window: MainWindow, client_id: object,
                 session_id: object = None) -> None:
    """Go to a client (and a session of theirs), as search does, and wait until shown."""
    window.open_session(client_id, session_id)  # type: ignore[arg-type]
    settled(qtbot, window)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "threadline.ini"


@pytest.fixture
def window_factory(qtbot: QtBot, vault_dir: Path, settings_path: Path) -> WindowFactory:
    """Opens a main window on ``vault_dir`` (already holding a vault), unlocked."""

    def factory() -> MainWindow:
        window = open_window(qtbot, vault_dir, settings_path)
        unlock(qtbot, window)
        return window

    return factory


@pytest.fixture
def seeded_vault(vault_dir: Path) -> Path:
    """A vault with two fictional clients, one of them with two sessions."""
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    from datetime import date

    robin = services.clients.create(ClientInput("RB-07", "Robin Example",
                                                modality="Long-term psychodynamic",
                                                frequency="Weekly")).value
    services.clients.create(ClientInput("KL-12", "Kit Lorem", status="paused"))
    services.sessions.create(robin.id, SessionInput(date(2026, 3, 2)))
    services.sessions.create(robin.id, SessionInput(date(2026, 3, 9)))
    vault.close()
    return vault_dir


@pytest.fixture
def window(seeded_vault: Path, window_factory: WindowFactory) -> MainWindow:
    return window_factory()
