"""The clipboards after lock, and the recovery key's copy (a secret that clears itself)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.gui.common.clipboard import PASSWORD_HINT, ClipboardGuard
from desktop.gui.keys.recovery_key_dialog import RecoveryKeyDialog

ROOT = Path(__file__).resolve().parents[3]


def test_the_recovery_key_copy_is_marked_secret_and_clears_itself(qtbot: QtBot) -> None:
    guard = ClipboardGuard(secret_clear_ms=50)
    guard.copy_secret("ABCD-EFGH-IJKL")
    data = QGuiApplication.clipboard().mimeData()
    assert bytes(data.data(PASSWORD_HINT)) == b"secret"
    assert QGuiApplication.clipboard().text() == "ABCD-EFGH-IJKL"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=5000)


def test_a_secret_replaced_meanwhile_is_left_alone(qtbot: QtBot) -> None:
    guard = ClipboardGuard(secret_clear_ms=50)
    guard.copy_secret("ABCD-EFGH-IJKL")
    QGuiApplication.clipboard().setText("copied later in another program")
    qtbot.wait(200)
    assert QGuiApplication.clipboard().text() == "copied later in another program"


def test_lock_clears_primary_on_x11(tmp_path: Path) -> None:
    """A real X server (Xvfb): PRIMARY held selected note text after lock."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("Xvfb is not installed (the CI installs it)")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                           "WAYLAND_DISPLAY")}
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, str(ROOT / "tests" / "desktop" / "gui"
                                                / "x11_clipboard_probe.py")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)})
    assert "PRIMARY-HELD" in result.stdout, (result.stdout, result.stderr[-800:])
    assert result.stdout.strip().endswith("CLEARED"), result.stdout
    assert result.returncode == 0


def test_a_new_recovery_key_copied_from_its_dialog_clears_itself(qtbot: QtBot) -> None:
    guard = ClipboardGuard(secret_clear_ms=50)
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL", clipboard=guard)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert bytes(QGuiApplication.clipboard().mimeData().data(PASSWORD_HINT)) == b"secret"
    assert QGuiApplication.clipboard().text() == "ABCD-EFGH-IJKL"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=5000)
