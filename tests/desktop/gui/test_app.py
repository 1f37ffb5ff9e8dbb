"""``threadline`` starts, paints and quits; without a vault it shows the welcome."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from db.vault.vault import Vault
from desktop.app import DESKTOP_FILE_NAME, app_icon, first_window, install_after_first_paint
from desktop.gui.main_window import MainWindow
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


def test_the_window_has_the_application_icon(qapp: QApplication) -> None:
    # An icon needs the application (run first in its process without one, Qt aborted).
    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 64, 256}
    assert DESKTOP_FILE_NAME == "org.threadline.Threadline"
    assert QGuiApplication.instance() is not None


#: What the first window must not wait for: the core, and the parts it does not show.
LOADED_AFTER_THE_FIRST_PAINT = ("sqlalchemy", "alembic", "cryptography", "sqlcipher3",
                                "pyqtgraph", "db.services.hub", "desktop.gui.workspace.workspace",
                                "desktop.gui.search", "desktop.gui.backup",
                                "desktop.gui.timeline", "desktop.gui.themes",
                                "desktop.gui.demo_banner", "desktop.logging_setup")


def modules_at_first_paint(vault: Path) -> set[str]:
    """The modules ``threadline --quit-after-show`` had imported when it quit on the paint."""
    code = ("import sys\nfrom desktop.__main__ import main\n"
            f"code = main(['--vault', {str(vault)!r}, '--quit-after-show'])\n"
            "print(' '.join(sorted(sys.modules)))\nsys.exit(code)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_unlock_screen_paints_before_the_core_and_the_extensions(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    loaded = modules_at_first_paint(tmp_path / "v")
    assert "desktop.gui.vault.unlock" in loaded
    early = sorted(name for name in loaded if name.startswith(LOADED_AFTER_THE_FIRST_PAINT))
    assert early == []
    assert "desktop.gui.vault.welcome" not in loaded


def test_the_welcome_paints_before_the_core_and_the_extensions(tmp_path: Path) -> None:
    loaded = modules_at_first_paint(tmp_path / "none")
    assert "desktop.gui.vault.welcome" in loaded
    assert sorted(name for name in loaded if name.startswith(LOADED_AFTER_THE_FIRST_PAINT)) == []


def test_extensions_are_installed_right_after_the_first_paint(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    installed: list[MainWindow] = []
    window = first_window(tmp_path / "none", kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    install_after_first_paint(window, (installed.append,))
    assert installed == []
    with qtbot.waitSignal(window.painted):
        window.show()
    qtbot.waitUntil(lambda: installed == [window])
    assert window.gate.currentWidget() is window.gate.welcome
