"""The status-bar note "Last backup: 2 days ago", which warns after a week without one."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QLabel, QWidget

STALE_AFTER = timedelta(days=7)


def describe(last: datetime | None, now: datetime) -> tuple[str, bool]:
    """The words for the status bar, and whether they are a warning."""
    if last is None:
        return "No backup yet", True
    age = now - last
    if age < timedelta(minutes=1):
        words = "just now"
    elif age < timedelta(hours=1):
        minutes = int(age.total_seconds() // 60)
        words = f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    elif age < timedelta(days=1):
        hours = int(age.total_seconds() // 3600)
        words = f"{hours} hour{'s' if hours != 1 else ''} ago"
    else:
        words = "yesterday" if age.days == 1 else f"{age.days} days ago"
    stale = age > STALE_AFTER
    return f"Last backup: {words}" + (" — back up soon" if stale else ""), stale


class BackupStatus(QLabel):
    """Shows when the last good backup was made; amber when it is over a week old."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatus")
        self.stale = True

    def show_last(self, last: datetime | None, now: datetime) -> None:
        text, self.stale = describe(last, now)
        self.setText(text)
        self.setToolTip("When the last verified backup of this vault was written.")
        self.setStyleSheet("color: #a15c00; font-weight: 600;" if self.stale else "")
