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


def readable_highlight(color: str, page: QColor, text: QColor, alpha: int = 100) -> QColor:
    """:func:`highlight_color`, made fainter where needed so that ``text`` keeps a contrast
    of at least 4.5:1 on it over ``page`` (a bright theme under white text on a dark page)."""
    from desktop.gui.workspace.chip_delegate import contrast

    fill = QColor(color) if QColor.isValidColorName(color) else QColor(Qt.GlobalColor.gray)
    while alpha > 0:
        share = alpha / 255
        blended = QColor.fromRgbF(*(share * c + (1 - share) * p for c, p in zip(
            (fill.redF(), fill.greenF(), fill.blueF()),
            (page.redF(), page.greenF(), page.blueF()), strict=True)))
        if contrast(blended, text) >= MIN_CONTRAST:
            break
        alpha -= 10
    return highlight_color(color, max(alpha, 0))


MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
