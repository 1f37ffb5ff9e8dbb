"""A clear ring around a list or a text while it has the keyboard, drawn by Qt alone.

The ring was first a style sheet (``QTableView:focus { border: 2px solid
palette(highlight) }``), which put the pane and every child under Qt's style-sheet style:
the sessions list took 15-20 ms to paint after a session switch. Then it was a proxy of
the application's style, set on the pane, drawing the frame as the ring: a style written
in Python is asked from Python for every metric, hint and part of every cell the pane
paints (each call takes the interpreter's lock, and waits for it while a read runs on
another thread), which cost a paint of the biggest client's session list several
milliseconds more (docs/performance-notes.md).

Now the pane keeps the application's own style, with a plain frame ``RING_WIDTH`` pixels
wide for the room, and a child widget covering just that frame (a mask) fills it: with
the highlight colour while the pane has focus, with the pane's background otherwise.
Focus coming or going repaints the band alone, and nothing of it runs in Python while the
pane paints.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette, QRegion
from PySide6.QtWidgets import QFrame, QWidget

RING_WIDTH = 2


class FocusRing(QObject):
    """The ring of one pane: a masked band over its edge, in the highlight colour while
    the pane has focus."""

    def __init__(self, pane: QFrame) -> None:
        super().__init__(pane)
        self.pane = pane
        # Room for the band: a plain frame, which the band covers whole.
        pane.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)
        pane.setLineWidth(RING_WIDTH)
        band = self.band = QWidget(pane)
        band.setObjectName("focus-ring")
        band.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        band.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        band.setAutoFillBackground(True)  # in the pane's palette: it follows the theme
        self._colour(pane.hasFocus())
        self._fit()
        pane.installEventFilter(self)

    def _colour(self, focused: bool) -> None:
        self.band.setBackgroundRole(QPalette.ColorRole.Highlight if focused
                                    else QPalette.ColorRole.Window)

    def _fit(self) -> None:
        rect = self.pane.rect()
        w = RING_WIDTH
        self.band.setGeometry(rect)
        self.band.setMask(QRegion(rect).subtracted(
            QRegion(rect.adjusted(w, w, -w, -w))))
        self.band.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self._fit()
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._colour(kind == QEvent.Type.FocusIn)
        return False


def show_focus_ring(widget: QFrame) -> FocusRing:
    """Give ``widget`` (a list or a text, which frames itself) the ring."""
    return FocusRing(widget)
