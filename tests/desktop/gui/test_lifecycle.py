"""Unlock, lock and quit run in one documented order (desktop/gui/common/lifecycle.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pyrage import x25519
from pytestqt.qtbot import QtBot

from db.backup.service import Key, open_backup
from db.services.hub import Services
from desktop.gui.backup.install import BackupFeature
from desktop.gui.backup.install import install as install_backups
from desktop.gui.common import dialogs
from desktop.gui.common.context import Timings
from desktop.gui.main_window import MainWindow
from desktop.gui.themes.install import install as install_themes
from tests.conftest import make_vault
from tests.desktop.gui.conftest import open_session, open_window, unlock
from tests.desktop.gui.pipeline_helpers import marked_vault, themed_window
from tests.desktop.gui.test_note_editor import type_note
from tests.desktop.gui.test_unlock_and_lock import select_first_session

ROOT = Path(__file__).resolve().parents[3]
SENTENCE = " She asked whether we could change the time."


def test_the_quit_backup_holds_the_last_typing(qtbot: QtBot, vault_dir: Path,
                                               settings_path: Path, tmp_path: Path) -> None:
    """Bug 3: the quit backup ran before closing flushed the editor."""
    marked = marked_vault(vault_dir)
    identity = x25519.Identity.generate()
    drive = tmp_path / "drive"
    drive.mkdir()
    from db.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE)
        Services.for_vault(vault).settings.update(
            backup_folder=str(drive), backup_recipient=str(identity.to_public()),
            backup_on_quit=True)
    never = Timings(autosave_ms=600_000, draft_ms=600_000)  # the quit comes first, surely
    window = themed_window(qtbot, vault_dir, settings_path, (install_backups,), never)
    feature = window.findChild(BackupFeature)
    assert feature is not None
    qtbot.waitUntil(lambda: feature.status.text() == "Last backup: just now", timeout=60_000)
    open_session(qtbot, window, marked.client_id, marked.second)
    type_note(qtbot, window, SENTENCE)  # and quit at once, within the autosave delay
    window.close()
    [backup] = sorted(drive.glob("threadline-*.age"))
    _, document, _ = open_backup(backup, Key(identities=(identity,)))
    values = [str(value) for rows in document.rows.values() for row in rows
              for value in row.values()]
    assert any(SENTENCE.strip() in value for value in values)


def test_hooks_run_after_the_writes_and_before_the_vault_goes(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    seen: list[str] = []

    def install(window: MainWindow) -> None:
        def stored() -> str:
            session_id = window.current_session_id()
            assert session_id is not None
            return window.context.services.notes.load(session_id).process_note

        window.lifecycle.on_unlocked(
            lambda: seen.append(f"unlocked {window.workspace is not None}"))
        window.lifecycle.before_lock(lambda: seen.append(f"before_lock {stored()!r}"))
        window.lifecycle.before_close(lambda: seen.append(f"before_close {stored()!r}"))
        window.context.events.locked.connect(lambda: seen.append("locked"))

    window = open_window(qtbot, seeded_vault, settings_path, (install,))
    unlock(qtbot, window)
    select_first_session(qtbot, window)
    type_note(qtbot, window, "Before locking.")
    window.lock()
    unlock(qtbot, window)
    select_first_session(qtbot, window)
    type_note(qtbot, window, " Before quitting.")
    window.close()
    window.shutdown()  # the application's aboutToQuit after the close: nothing twice
    assert seen == ["unlocked True", "before_lock 'Before locking.'", "locked",
                    "unlocked True", "before_close ' Before quitting.Before locking.'",
                    "locked"]
    assert not window.context.unlocked


def test_verified_hooks_run_after_the_unlocked_ones_once_the_check_has_passed(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    seen: list[str] = []

    def install(window: MainWindow) -> None:
        window.lifecycle.on_unlocked(lambda: seen.append("unlocked"))
        window.lifecycle.on_verified(
            lambda: seen.append(f"verified {window.integrity.running}"))

    window = open_window(qtbot, seeded_vault, settings_path, (install,))
    for _ in range(2):  # every unlock, in the same order
        unlock(qtbot, window)
        qtbot.waitUntil(lambda: len(seen) % 2 == 0 and bool(seen))
        window.lock()
    assert seen == ["unlocked", "verified False"] * 2


def test_dialog_text_is_kept_only_in_test_mode(qtbot: QtBot, seeded_vault: Path,
                                               settings_path: Path) -> None:
    """Bug 6: every dialog's title and text went into a process-wide record, in
    production too; now only tests record, and the record goes before locking."""
    production = subprocess.run(  # a process of its own: no test set-up at all
        [sys.executable, "-c", "from desktop.gui.common import dialogs; dialogs.set_strict(True); "
         "dialogs.warning(None, 'Remove the episode with Alex?', 'Recovery key ABCD'); "
         "print(len(dialogs.asked()))"],
        capture_output=True, text=True, cwd=ROOT, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert production.stdout.strip() == "0"
    window = open_window(qtbot, seeded_vault, settings_path, (install_themes,))
    unlock(qtbot, window)
    dialogs.warning(window, "Remove the episode with Alex?", "Shown to the clinician")
    assert dialogs.asked()
    window.lock()
    assert dialogs.asked() == []


def test_a_vault_without_a_workspace_still_closes_cleanly(qtbot: QtBot, vault_dir: Path,
                                                          settings_path: Path) -> None:
    make_vault(vault_dir)[0].close()
    closed: list[bool] = []

    def install(window: MainWindow) -> None:
        window.lifecycle.before_close(lambda: closed.append(window.context.unlocked))

    window = open_window(qtbot, vault_dir, settings_path, (install,))
    window.close()  # still locked: no hook, no write
    assert closed == []
