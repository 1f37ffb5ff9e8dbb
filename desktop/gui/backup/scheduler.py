"""Automatic backups on a timer and on quit, run off the GUI thread.

The timer starts a job that asks :func:`db.backup.automatic.is_due` (the settings are read
there, never on the GUI thread) and, when one is due, writes the backup (export,
encryption, verification, rotation) in the same job. Signals: ``finished(result)``
and ``failed(message)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from db.backup.automatic import AutomaticResult, is_configured, is_due, run_automatic_backup
from db.clock import utcnow
from db.errors import ThreadlineError, VaultLocked
from db.services.base import DatabaseProvider
from db.services.settings import SettingsService
from desktop.gui.backup.messages import sentence
from desktop.gui.common.failures import log_unexpected
from desktop.gui.common.jobs import Failure, Jobs

CHECK_EVERY_MS = 10 * 60 * 1000


class BackupScheduler(QObject):
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, vault: DatabaseProvider, *, now: Callable[[], datetime] = utcnow,
                 parent: QObject | None = None, jobs: Jobs | None = None,
                 check_every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self._vault = vault
        self._now = now
        self._jobs = jobs if jobs is not None else Jobs(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self._lock = threading.Lock()  # the job's worker and the GUI thread share these:
        self._writing = False
        self._stopped = False

    def start(self) -> None:
        self._stopped = False
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        """No new checks; a check on its way starts no backup (one being written goes on)."""
        self.timer.stop()
        with self._lock:
            self._stopped = True

    @property
    def running(self) -> bool:
        """An automatic backup is being written."""
        with self._lock:
            return self._writing

    @property
    def checking(self) -> bool:
        """A check (and the backup it may write) is on its way."""
        return self._jobs.busy(self)

    def check(self) -> bool:
        """Ask, in a job, whether an automatic backup is due, and write it there if it is
        (``finished`` then). ``True`` if a check was started."""
        if self.checking:
            return False
        try:
            self._vault.database  # noqa: B018 (raises while locked)
        except VaultLocked:  # locked meanwhile: the next unlock starts the checks again
            return False
        vault, now = self._vault, self._now()

        def due_then_write() -> AutomaticResult | None:
            if not is_due(SettingsService(vault).load(), now):
                return None
            with self._lock:
                if self._stopped:  # quitting or locking meanwhile
                    return None
                self._writing = True
            try:
                return run_automatic_backup(vault, now)
            finally:
                with self._lock:
                    self._writing = False

        self._jobs.start(due_then_write, on_done=self._done, on_error=self._failed, key=self,
                         owner=self, name="an automatic backup")
        return True

    def _done(self, result: AutomaticResult | None) -> None:
        if result is not None:
            self.finished.emit(result)

    def _failed(self, failure: Failure) -> None:
        if not isinstance(failure.error, VaultLocked):  # locked while it read: no backup due
            self.failed.emit(sentence(failure.error))

    def run_on_quit(self) -> str | None:
        """Back up before quitting if the settings ask for it (blocking: the window is
        closing). Returns the problem, if any, for the caller to show."""
        settings = SettingsService(self._vault).load()
        if self.running or not settings.backup_on_quit or not is_configured(settings):
            return None
        try:
            run_automatic_backup(self._vault, self._now())
        except Exception as error:
            if not isinstance(error, ThreadlineError | OSError):
                log_unexpected(error, "the backup on quit")
            return sentence(error)
        return None
