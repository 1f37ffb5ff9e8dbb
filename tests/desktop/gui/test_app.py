"""``threadline`` starts, paints and quits; without a vault it shows the welcome."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from db.vault.vault import Vault
from desktop.app import DESKTOP_FILE_NAME, app_icon
from tests.conftest import make_vault
from tests.desktop.gui.conftest import open_window

ROOT = Path(__file__).resolve().parents[3]


def launch(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, timeout=120)


def test_quit_after_show_without_a_vault_creates_nothing(tmp_path: Path) -> None:
    result = launch("--vault", str(tmp_path / "v"), "--quit-after-show")
    assert result.returncode == 0, result.stderr
    assert not Vault.exists(tmp_path / "v")


def test_quit_after_show_with_a_vault(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    result = launch("--vault", str(tmp_path / "v"), "--quit-after-show")
    assert result.returncode == 0, result.stderr


def test_without_a_vault_the_welcome_is_shown(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "none", tmp_path / "s.ini")
    assert window.gate.currentWidget() is window.gate.welcome


def test_the_window_has_the_application_icon() -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 64, 256}
    assert DESKTOP_FILE_NAME == "org.threadline.Threadline"
    assert QGuiApplication.instance() is not None
