"""The window's size on first start: roomy, yet never taller or wider than the screen.

At 1366×768 (a common laptop) a fixed 1180×760 window plus its title bar runs off the
bottom of the screen and hides the status bar, where "Saved" and the backup state live.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLayout, QSizePolicy, QWidget

WANTED = QSize(1180, 760)
#: The least the window can be made; below it panels collapse, the text column does not.
SMALLEST = QSize(640, 420)
SHARE = 0.9  # of the screen's free area, leaving room for the title bar and the panel


def first_size(window: QWidget) -> QSize:
    """``WANTED``, shrunk to fit the screen the window is on (the primary one if none)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return WANTED
    room = screen.availableGeometry().size()
    return WANTED.boundedTo(QSize(int(room.width() * SHARE), int(room.height() * SHARE)))


def hold_size(window: QWidget, central: QWidget) -> None:
    """The window never resizes itself: only the person (or the window manager) does.

    A Qt window grows to its layout's minimum size, so one view whose minimum is wider
    than the window (a finalized note's header, the timeline's controls) widened it past
    the screen and pushed the Marks panel off its edge. The layout no longer sets the
    window's minimum; a fixed, small one does, and views fit the room they are given.
    """
    layout = window.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(SMALLEST)
    # The central pages take what the docks leave them, whatever the widest page needs:
    # the timeline's minimum once widened the workspace and squeezed the Marks panel.
    central.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
