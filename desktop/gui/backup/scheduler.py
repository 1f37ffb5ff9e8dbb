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
from db.errors import VaultLocked
from db.models.base import utcnow
from db.services.base import DatabaseProvider
from db.services.settings import SettingsService
from desktop.gui.backup.messages import sentence
from desktop.gui.backup.runner import run_job

CHECK_EVERY_MS = 10 * 60 * 1000


class BackupScheduler(QObject):
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, vault: DatabaseProvider, *, now: Callable[[], datetime] = utcnow,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._now = now
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        self.timer.stop()

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
        self.running = True
        now = self._now()
        run_job(lambda: run_automatic_backup(self._vault, now), self._done, self._failed)
        return True

    def _done(self, result: AutomaticResult) -> None:
        self.running = False
        self.finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.failed.emit(sentence(error))

    def run_on_quit(self) -> str | None:
        """Back up before quitting if the settings ask for it (blocking: the window is
        closing). Returns the problem, if any, for the caller to show."""
        settings = SettingsService(self._vault).load()
        if self.running or not settings.backup_on_quit or not is_configured(settings):
            return None
        try:
            run_automatic_backup(self._vault, self._now())
        except Exception as error:
            return sentence(error)
        return None
