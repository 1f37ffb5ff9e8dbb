"""Wire backups into a main window: two File menu actions, the status-bar note, the
scheduler, and a backup on quit. The main window calls :func:`install` once per unlocked
vault and :meth:`BackupFeature.on_quit` from its close handling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from db.models.base import utcnow
from db.services.base import DatabaseProvider
from desktop.gui import dialogs
from desktop.gui.backup.controller import BackupController
from desktop.gui.backup.scheduler import BackupScheduler
from desktop.gui.backup.status import BackupStatus

REFRESH_STATUS_MS = 60 * 1000


@dataclass
class BackupFeature:
    controller: BackupController
    scheduler: BackupScheduler
    status: BackupStatus
    back_up_action: QAction
    restore_action: QAction
    now: Callable[[], datetime]

    def refresh(self) -> None:
        self.status.show_last(self.controller.last_backup(), self.now())

    def on_quit(self) -> None:
        self.scheduler.stop()
        problem = self.scheduler.run_on_quit()
        if problem is not None:
            dialogs.warning(self.controller.parent(), "Backup on quit",  # type: ignore[arg-type]
                            problem)


def install(window: QMainWindow, file_menu: QMenu, vault: DatabaseProvider, *,
            now: Callable[[], datetime] = utcnow, start_scheduler: bool = True) -> BackupFeature:
    controller = BackupController(vault, window, now=now)
    scheduler = BackupScheduler(vault, now=now, parent=window)
    status = BackupStatus(window)
    window.statusBar().addPermanentWidget(status)
    back_up = QAction("Back up now…", window)
    back_up.triggered.connect(controller.back_up_now)
    restore = QAction("Restore…", window)
    restore.triggered.connect(controller.restore)
    file_menu.addAction(back_up)
    file_menu.addAction(restore)
    feature = BackupFeature(controller, scheduler, status, back_up, restore, now)
    for signal in (controller.backed_up, scheduler.finished):
        signal.connect(lambda *_: feature.refresh())
    scheduler.failed.connect(lambda message: status.setToolTip(
        f"The last automatic backup failed: {message}"))
    timer = QTimer(window)
    timer.setInterval(REFRESH_STATUS_MS)
    timer.timeout.connect(feature.refresh)
    timer.start()
    feature.refresh()
    if start_scheduler:
        scheduler.start()
    return feature
