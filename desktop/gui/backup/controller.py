"""File ▸ Back up now… and File ▸ Restore…: questions through the dialog seam, work off
the GUI thread, results as signals and one-sentence messages.

Signals: ``backed_up(BackupSummary)``, ``restored(Path)``, ``failed(message)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from db.backup import age, signing
from db.backup.automatic import last_backup
from db.backup.service import Key, restore_backup
from db.clock import utcnow
from db.crypto.kdf import Argon2Params
from db.errors import Cancelled, ThreadlineError
from db.progress import Cancel
from db.safe_read import read_start
from db.services.base import DatabaseProvider
from db.services.settings import SettingsService
from desktop.gui.backup.messages import sentence
from desktop.gui.common import dialogs
from desktop.gui.common.jobs import Failure, Jobs
from desktop.gui.importing.progress_dialog import ProgressDialog, ShowsProgress

if TYPE_CHECKING:
    from desktop.gui.backup.backup_dialog import BackupDialog

BACKUP_FILTER = "Threadline backups (*.age);;All files (*)"
RESTORE_TITLE = "Restore from a backup"


class BackupController(QObject, ShowsProgress):
    backed_up = Signal(object)
    restored = Signal(object)
    failed = Signal(str)

    def __init__(self, vault: DatabaseProvider, window: QWidget, *,
                 now: Callable[[], datetime] = utcnow,
                 restore_params: Argon2Params | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(window)
        self._vault = vault
        self._window = window
        self._now = now
        self._restore_params = restore_params
        self._jobs = jobs if jobs is not None else Jobs(self)
        self.dialog: BackupDialog | None = None
        #: While a restore runs: its steps, a bar, and Cancel (a cancelled restore leaves
        #: nothing: the new vault is built in a hidden folder, renamed only when complete).
        self.progress: ProgressDialog | None = None

    @property
    def busy(self) -> bool:
        """A backup or restore is running (one at a time)."""
        return self._jobs.busy(self)

    def last_backup(self) -> datetime | None:
        return last_backup(SettingsService(self._vault).load())

    # --- back up now --------------------------------------------------------------------------

    def back_up_now(self) -> BackupDialog | None:
        """Open the backup dialog (where, which key, progress, result); ``None`` while a
        backup or restore is running. The dialog's backup runs as a job of the window."""
        if self.busy:
            return None
        from desktop.gui.backup.backup_dialog import BackupDialog

        if self.dialog is not None and shiboken6.isValid(self.dialog) and \
                self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        dialog = BackupDialog(self._vault, self._jobs, SettingsService(self._vault).load(),
                              self._window, now=self._now)
        dialog.backed_up.connect(self.backed_up)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- restore ------------------------------------------------------------------------------

    def restore(self) -> bool:
        """Ask for the backup, its key, an empty folder and a new passphrase; restore."""
        if self.busy:
            return False
        title = "Restore from a backup"
        path = dialogs.choose_open_file(self._window, title, BACKUP_FILTER)
        if path is None:
            return False
        try:
            key = self._key_for(path, title)
        except (ThreadlineError, OSError) as error:  # a BackupError, or not a file
            self._fail(title, sentence(error))
            return False
        if key is None:
            return False
        target = dialogs.choose_folder(self._window, "An empty folder for the restored vault")
        if target is None:
            return False
        new = self._new_secret(title, "A passphrase for the restored vault")
        if new is None:
            return False
        self._run_restore(path, self._trusting(key), target, new)
        return True

    def _trusting(self, key: Key) -> Key:
        """``key``, trusting this vault's own signature (and any the identity file names)."""
        own = signing.vault_public_key(self._vault.database)
        return dataclasses.replace(key, signers=(*key.signers, *([own] if own else [])))

    def _run_restore(self, path: Path, key: Key, target: Path, new: str) -> None:
        params = self._restore_params
        cancel = Cancel()
        self._open_progress(RESTORE_TITLE, self._window, cancel.set)

        def work(report: Callable[[object], None]) -> tuple[Path, str]:
            return target, restore_backup(
                path, key, target, new, params=params, cancel=cancel,
                progress=lambda step, done: report((step, done)))[1]

        def failed(failure: Failure) -> None:
            self._close_progress()
            error = failure.error
            if isinstance(error, Cancelled):
                return  # nothing was made, nothing to warn about
            if isinstance(error, signing.UnverifiedBackup) and not key.accept_unsigned:
                if dialogs.confirm(self._window, RESTORE_TITLE,
                                   f"{sentence(error)}\n\nRestore this backup anyway?",
                                   yes="Restore anyway", destructive=True):
                    self._run_restore(path, dataclasses.replace(key, accept_unsigned=True),
                                      target, new)
                return
            self._restore_failed(failure)

        def done(result: tuple[Path, str]) -> None:
            self._close_progress()
            self._restored(result)

        self._jobs.start(work, on_done=done, on_error=failed, on_progress=self._show_progress,
                         key=self, cancel=cancel.set, name="a restore")

    def _key_for(self, path: Path, title: str) -> Key | None:
        header = age.read_header(read_start(path, age.MAX_HEADER))  # a FIFO never blocks
        if header.uses_passphrase:
            secret = dialogs.ask_passphrase(self._window, title, "The backup's passphrase")
            return None if secret is None else Key(passphrase=secret)
        identity = dialogs.choose_open_file(self._window, "The private key for this backup",
                                            "Key files (*.txt *.key);;All files (*)")
        if identity is None:
            return None
        text = identity.read_text(encoding="utf-8")
        return Key(identities=tuple(age.parse_identities(text)),
                   signers=tuple(signing.signers_in_identity_file(text)))

    def _restore_failed(self, failure: Failure) -> None:
        self._fail("Restore from a backup", sentence(failure.error))

    def _restored(self, result: tuple[Path, str]) -> None:
        target, recovery_key = result
        dialogs.information(
            self._window, "Restore from a backup",
            f"The backup was restored into a new vault in {target}. Its recovery key, shown "
            f"only now — write it down and keep it safe:\n\n{recovery_key}")
        self.restored.emit(target)

    # --- shared -----------------------------------------------------------------------------

    def _new_secret(self, title: str, label: str) -> str | None:
        first = dialogs.ask_passphrase(self._window, title, label)
        if first is None:
            return None
        if dialogs.ask_passphrase(self._window, title, f"{label} (again)") != first:
            dialogs.warning(self._window, title, "The two passphrases differ.")
            return None
        return first

    def _fail(self, title: str, message: str) -> None:
        dialogs.warning(self._window, title, message)
        self.failed.emit(message)
