"""Readable text: WCAG 2 contrast between two colours, and a colour moved until readable.

Secondary text takes the palette's placeholder colour, which many styles draw as the text
colour at half opacity: about 4:1 on Fusion's light grey, below the 4.5:1 that WCAG asks
of body text. :func:`readable` keeps the palette's hue and moves it towards black or white
only as far as needed.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

MINIMUM = 4.5  # WCAG 2.x level AA for normal text


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    return (0.2126 * _channel(color.redF()) + 0.7152 * _channel(color.greenF())
            + 0.0722 * _channel(color.blueF()))


def over(color: QColor, background: QColor) -> QColor:
    """``color`` as drawn on ``background`` (its transparency blended in)."""
    alpha = color.alphaF()
    return QColor.fromRgbF(*(alpha * a + (1 - alpha) * b for a, b in (
        (color.redF(), background.redF()), (color.greenF(), background.greenF()),
        (color.blueF(), background.blueF()))))


def ratio(text: QColor, background: QColor) -> float:
    """The contrast ratio (1–21) of ``text`` drawn on ``background``."""
    lighter, darker = sorted((luminance(over(text, background)), luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(text: QColor, background: QColor, minimum: float = MINIMUM) -> QColor:
    """``text`` (opaque), moved towards black or white until it reaches ``minimum``."""
    color = over(text, background)
    if ratio(color, background) >= minimum:
        return color
    target = QColor("black") if luminance(background) > 0.18 else QColor("white")
    for step in range(1, 21):
        share = step / 20
        mixed = QColor.fromRgbF(*(a + (b - a) * share for a, b in (
            (color.redF(), target.redF()), (color.greenF(), target.greenF()),
            (color.blueF(), target.blueF()))))
        if ratio(mixed, background) >= minimum:
            return mixed
    return target
