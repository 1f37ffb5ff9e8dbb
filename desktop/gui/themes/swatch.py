"""Small colour swatches shown beside theme names (the name is always shown too)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

SIZE = 14


@lru_cache(maxsize=512)
def swatch(color: str, faded: bool = False) -> QIcon:
    """A rounded square of ``color``; ``faded`` for archived themes."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(color)
    if faded:
        fill.setAlpha(90)
    painter.setBrush(fill)
    painter.setPen(QColor(0, 0, 0, 70))
    painter.drawRoundedRect(1, 1, SIZE - 2, SIZE - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def highlight_color(color: str, alpha: int = 100) -> QColor:
    """A theme colour made translucent so the words under a highlight stay readable."""
    fill = QColor(color)
    fill.setAlpha(alpha)
    return fill
