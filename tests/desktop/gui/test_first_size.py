"""On first start the window fits the screen, so the status bar is never below its edge."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from desktop.app import build_window


def test_the_first_window_fits_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    window = build_window(tmp_path / "vault", kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"),
                                             QSettings.Format.IniFormat),
                          extensions=())
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.width() < 1180  # the offscreen screen is smaller than the roomy size
    assert window.width() <= room.width() * 0.9
    assert window.height() <= room.height() * 0.9
    assert window.width() > room.width() * 0.8  # still uses the room it has
