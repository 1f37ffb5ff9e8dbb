"""The window's size on first start: roomy, yet never taller or wider than the screen.

At 1366×768 (a common laptop) a fixed 1180×760 window plus its title bar runs off the
bottom of the screen and hides the status bar, where "Saved" and the backup state live.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

WANTED = QSize(1180, 760)
SHARE = 0.9  # of the screen's free area, leaving room for the title bar and the panel


def first_size(window: QWidget) -> QSize:
    """``WANTED``, shrunk to fit the screen the window is on (the primary one if none)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return WANTED
    room = screen.availableGeometry().size()
    return WANTED.boundedTo(QSize(int(room.width() * SHARE), int(room.height() * SHARE)))
