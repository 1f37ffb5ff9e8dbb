"""The status-bar note "Last backup: 2 days ago", which warns after a week without one."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desktop.gui.common.contrast import readable

STALE_AFTER = timedelta(days=7)
AMBER = "#a15c00"  # the warning's colour on a light window


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
        # Amber, moved only as far as needed to stay 4.5:1 on the window (dark palettes).
        palette = QPalette()  # the application's
        if self.stale:
            palette.setColor(QPalette.ColorRole.WindowText,
                             readable(QColor(AMBER), palette.color(QPalette.ColorRole.Window)))
        self.setPalette(palette)
        font = self.font()
        font.setWeight(QFont.Weight.DemiBold if self.stale else QFont.Weight.Normal)
        self.setFont(font)
