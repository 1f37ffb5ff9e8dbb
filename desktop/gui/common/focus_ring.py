"""A clear ring around a list or a text while it has the keyboard, without a style sheet.

The ring was a style sheet (``QTableView:focus { border: 2px solid palette(highlight) }``).
A style sheet puts the widget and every child under Qt's style-sheet style, which looks
rules up for each part it paints: the sessions list with its scroll bar took 15-20 ms to
paint after each session switch (a whole frame and more), a tenth of that without it.
Here a proxy of the application's own style, set on the pane alone (a widget's style is
not handed down to its children), draws the frame as a band in the highlight colour while
the pane has focus and as nothing otherwise; the band is repainted when focus comes or
goes, and only the band.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QPainter, QPalette, QRegion
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

RING_WIDTH = 2


class FocusRingStyle(QProxyStyle):
    """The application's style, with a frame that is a focus ring (for one widget)."""

    def __init__(self) -> None:
        # A fresh instance of the application's style: a proxy owns its base style.
        super().__init__(QStyleFactory.create(QApplication.style().name()))

    def pixelMetric(self, metric: QStyle.PixelMetric,  # noqa: N802 (Qt naming)
                    option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth:
            return RING_WIDTH
        return super().pixelMetric(metric, option, widget)

    def drawControl(self, element: QStyle.ControlElement,  # noqa: N802 (Qt naming)
                    option: QStyleOption, painter: QPainter,
                    widget: QWidget | None = None) -> None:
        if element != QStyle.ControlElement.CE_ShapedFrame:
            super().drawControl(element, option, painter, widget)
            return
        if widget is None or not widget.hasFocus():
            return  # the band stays clear: the list does not move when focus comes
        colour = option.palette.color(QPalette.ColorRole.Highlight)
        for band in _bands(option.rect):
            painter.fillRect(band, colour)


def _bands(rect: QRect) -> tuple[QRect, ...]:
    w = RING_WIDTH
    return (QRect(rect.left(), rect.top(), rect.width(), w),
            QRect(rect.left(), rect.bottom() - w + 1, rect.width(), w),
            QRect(rect.left(), rect.top(), w, rect.height()),
            QRect(rect.right() - w + 1, rect.top(), w, rect.height()))


class _Repaint(QObject):
    """Repaints a pane's band (not its contents) when the keyboard comes or goes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and \
                isinstance(watched, QWidget):
            inner = watched.rect().adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
            watched.update(QRegion(watched.rect()).subtracted(QRegion(inner)))
        return False


def show_focus_ring(widget: QFrame) -> None:
    """Give ``widget`` (a list or a text, which frames itself) the ring."""
    style = FocusRingStyle()
    style.setParent(widget)  # freed with the widget
    if widget.frameShape() == QFrame.Shape.NoFrame:
        widget.setFrameShape(QFrame.Shape.StyledPanel)  # the ring needs the frame's room
    widget.setStyle(style)
    repaint = _Repaint(widget)
    widget.installEventFilter(repaint)
