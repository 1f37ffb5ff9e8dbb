"""Automatic backups on a timer and on quit, run off the GUI thread.

The timer only asks :func:`db.backup.automatic.is_due`; the backup itself (export,
encryption, verification, rotation) runs in the thread pool. Signals: ``finished(result)``
and ``failed(message)``.
"""

from __future__ import annotations

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

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        """An automatic backup is being written."""
        return self._jobs.busy(self)

    def check(self) -> bool:
        """Start an automatic backup if one is due; ``True`` if one was started."""
        if self.running:
            return False
        try:
            settings = SettingsService(self._vault).load()
        except VaultLocked:  # locked meanwhile: the next unlock starts the checks again
            return False
        if not is_due(settings, self._now()):
            return False
        now = self._now()
        self._jobs.start(lambda: run_automatic_backup(self._vault, now), on_done=self._done,
                         on_error=self._failed, key=self, name="an automatic backup")
        return True

    def _done(self, result: AutomaticResult) -> None:
        self.finished.emit(result)

    def _failed(self, failure: Failure) -> None:
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
