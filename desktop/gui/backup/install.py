"""Backups in the main window (an entry of ``desktop.app.EXTENSIONS``).

Adds File ▸ Back up now…, Restore… and Backup settings…, a status-bar note of the last
good backup, automatic backups while the vault is unlocked, and a backup on quit. Only Qt
is imported here: the core (export, age) loads when the vault is first unlocked, so the
first paint stays cheap.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from desktop.gui.backup.status import BackupStatus

if TYPE_CHECKING:
    from db.services.settings import VaultSettings
    from desktop.gui.backup.controller import BackupController
    from desktop.gui.backup.scheduler import BackupScheduler
    from desktop.gui.main_window import MainWindow

REFRESH_STATUS_MS = 60 * 1000


class BackupFeature(QObject):
    """Everything backups add to one main window; built by :func:`install`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.vault = window.context
        self.status = BackupStatus(window)
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)
        self._controller: BackupController | None = None
        self.scheduler: BackupScheduler | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_STATUS_MS)
        self.timer.timeout.connect(self.refresh)
        window.add_section("file")
        window.add_action("file", "Back up now…", self.back_up_now,
                          tip="Write an encrypted, verified backup of the whole vault")
        window.add_action("file", "Restore…", self.restore, needs_vault=False,
                          tip="Restore a backup into a new vault")
        window.add_action("file", "Backup settings…", self.open_settings)
        window.context.events.unlocked.connect(self._unlocked)
        window.context.events.locked.connect(self._locked)
        # After the editor's text and every queued write are in the vault (lifecycle).
        window.lifecycle.before_close(self.on_quit)

    @property
    def controller(self) -> BackupController:
        if self._controller is None:
            from desktop.gui.backup.controller import BackupController

            self._controller = BackupController(self.vault, self.window,
                                                jobs=self.window.context.jobs)
            self._controller.backed_up.connect(lambda _: self.refresh())
        return self._controller

    def back_up_now(self) -> None:
        self.controller.back_up_now()

    def restore(self) -> None:
        self.controller.restore()

    def open_settings(self) -> None:
        from desktop.gui.backup.settings_dialog import BackupSettingsDialog

        context = self.window.context
        if not context.unlocked:
            return
        settings = context.services.settings

        def opened(current: VaultSettings) -> None:
            if context.unlocked:
                dialog = BackupSettingsDialog(current, context, self.window)
                dialog.accepted.connect(self.refresh)
                dialog.open()

        # Read afresh (a backup records itself outside the window's cache), off the GUI
        # thread like every read.
        context.jobs.start(settings.load, on_done=opened, key=(self, "settings"), owner=self,
                           name="reading the backup settings")

    def refresh(self) -> None:
        """Read when the last good backup was made (in a job) and show it."""
        context = self.window.context
        if not context.unlocked:
            return
        from db.backup.automatic import last_backup

        settings = context.services.settings
        context.jobs.start(lambda: last_backup(settings.load()), on_done=self._show_last,
                           key=(self, "status"), owner=self, name="reading the last backup")

    def _show_last(self, last: datetime | None) -> None:
        if not self.window.context.unlocked:
            return
        from db.clock import utcnow

        self.status.show_last(last, utcnow())
        self.status.show()

    def _unlocked(self) -> None:
        from desktop.gui.backup.scheduler import BackupScheduler

        self.scheduler = BackupScheduler(self.vault, parent=self, jobs=self.window.context.jobs)
        self.scheduler.finished.connect(lambda _: self.refresh())
        self.scheduler.failed.connect(self._automatic_failed)
        self.scheduler.start()
        self.timer.start()
        self.refresh()

    def _automatic_failed(self, message: str) -> None:
        self.status.setToolTip(f"The last automatic backup failed: {message}")
        self.window.show_message(f"Automatic backup failed: {message}")

    def _locked(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler.deleteLater()
            self.scheduler = None
        self.timer.stop()
        self.status.hide()

    def on_quit(self) -> None:
        """Before the window closes the vault: back up if the settings ask for it."""
        if self.scheduler is None or not self.window.context.unlocked:
            return
        self.scheduler.stop()
        self.window.show_message("Backing up before closing…", 0)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = self.scheduler.run_on_quit()
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problem is not None:
            from desktop.gui.common import dialogs
            dialogs.warning(self.window, "Backup on quit", problem)


def install(window: MainWindow) -> None:
    """Add backups to ``window``; the feature lives as the window's child object."""
    BackupFeature(window)
