"""A locked window lets go of the vault, so the command line can back up meanwhile.

Bug: the window held the vault's process lock while locked (and at its start screen), so
``threadline backup create`` said "This vault is already open…" until the app was quit.
Each test runs a real second process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.backup.service import Key, verify_backup
from db.errors import VaultHeldElsewhere
from desktop.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import unlock
from tests.desktop.gui.test_unlock_and_lock import select_first_session

ROOT = Path(__file__).resolve().parents[3]
BACKUP_PASSPHRASE = "copper meadow 19 quiet lantern"
HOLD = """
import sys
from db.vault.vault import Vault
with Vault.open(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=False)


def lock(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workspace is None)


def test_the_command_line_backs_up_while_the_window_is_locked(
        qtbot: QtBot, window: MainWindow, seeded_vault: Path, tmp_path: Path) -> None:
    select_first_session(qtbot, window)
    where = window.workspace.location() if window.workspace else None
    lock(qtbot, window)
    (tmp_path / "pw").write_text(PASSPHRASE)
    (tmp_path / "bpw").write_text(BACKUP_PASSPHRASE)
    result = cli("backup", "create", "--vault", str(seeded_vault), "--passphrase-file",
                 str(tmp_path / "pw"), "--out", str(tmp_path / "b.age"),
                 "--backup-passphrase-file", str(tmp_path / "bpw"))
    assert result.returncode == 0, result.stderr
    summary = verify_backup(tmp_path / "b.age", Key(passphrase=BACKUP_PASSPHRASE))
    assert summary.counts["sessions"] == 2
    unlock(qtbot, window)  # the window takes the vault back, and everything is as it was
    assert window.context.unlocked
    assert window.workspace is not None
    assert window.workspace.location() == where


def test_the_start_screen_holds_nothing_either(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path, tmp_path: Path) -> None:
    from tests.desktop.gui.conftest import open_window

    window = open_window(qtbot, seeded_vault, settings_path)
    assert window.gate.currentWidget() is window.gate.unlock
    (tmp_path / "pw").write_text(PASSPHRASE)
    result = cli("search", "--vault", str(seeded_vault), "--passphrase-file",
                 str(tmp_path / "pw"), "anything")
    assert result.returncode == 0, result.stderr
    unlock(qtbot, window)


def test_unlocking_while_another_process_has_the_vault_says_so(
        qtbot: QtBot, window: MainWindow, seeded_vault: Path) -> None:
    lock(qtbot, window)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(seeded_vault)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        view = window.gate.unlock
        qtbot.keyClicks(view.secret, PASSPHRASE)
        qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.error.isVisible(), timeout=30_000)
        assert view.error.text() == VaultHeldElsewhere.default_message
        assert not window.context.unlocked
        assert window.workspace is None
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert holder.returncode == 0
    view.secret.clear()
    unlock(qtbot, window)  # once the other process has finished, unlocking works
    assert window.context.unlocked


def test_a_vault_just_created_is_taken_back_after_letting_go(tmp_path: Path) -> None:
    """Bug (found with the welcome's demo vault): a created vault's lock still named the
    hidden folder it was built in, so unlocking after a lock failed with a traceback."""
    from tests.conftest import make_vault

    vault, _ = make_vault(tmp_path / "new")
    vault.release()
    try:
        vault.unlock(PASSPHRASE)
        assert vault.is_unlocked
    finally:
        vault.close()
