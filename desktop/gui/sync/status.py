"""The status-bar note "Synced 2 min ago", or why the vault is not in step."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QLabel, QWidget

from db.sync.dto import Problem, SyncStatus

PROBLEM_WORDS = {
    Problem.FOLDER_MISSING: "Not synced: the sync folder is missing",
    Problem.FOLDER_FOREIGN: "Not synced: the folder holds another vault's files",
    Problem.FILE_REFUSED: "Sync: a file in the folder was refused",
    Problem.DEVICE_SILENT: "Sync: a device has not been seen for 30 days",
    Problem.WAITING: "Sync: waiting for files to arrive",
}


def ago(moment: datetime, now: datetime) -> str:
    age = now - moment
    if age < timedelta(minutes=1):
        return "just now"
    if age < timedelta(hours=1):
        return f"{int(age.total_seconds() // 60)} min ago"
    if age < timedelta(days=1):
        hours = int(age.total_seconds() // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    return "yesterday" if age.days == 1 else f"{age.days} days ago"


def describe(status: SyncStatus, now: datetime, failure: str | None = None) -> tuple[str, bool]:
    """The words for the status bar, and whether they are a warning."""
    if status.problems:
        return PROBLEM_WORDS[status.problems[0]], True
    if failure:
        return f"Not synced: {failure}", True
    if status.last_sync_at is None:
        return "Not synced yet", False
    return f"Synced {ago(status.last_sync_at, now)}", False


class SyncStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.warning = False

    def show_status(self, status: SyncStatus, now: datetime, failure: str | None = None) -> None:
        if not status.syncing:
            self.hide()
            return
        text, self.warning = describe(status, now, failure)
        self.setText(text)
        self.setToolTip(f"Syncing through {status.folder} as “{status.device_name}”.")
        self.setStyleSheet("color: #a15c00; font-weight: 600;" if self.warning else "")
        self.show()
