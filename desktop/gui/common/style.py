"""Small helpers for a calm, consistent look that follows the system palette.

No colours are hard-coded here: headings are the system font made larger, secondary text
uses the palette's placeholder colour, so light and dark themes both just work.

The first window (unlock screen, welcome) is built with these before it paints; they do
not touch the ``Qt`` namespace, whose enums take PySide6 about 13 ms to create.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.gui.common.contrast import readable

SPACING = 12
MARGIN = 18


def heading(text: str, scale: float = 1.6, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def muted(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """Secondary text in the palette's placeholder colour."""
    label = QLabel(text, parent)
    label.setWordWrap(wrap)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText,  # at least 4.5:1 (contrast.py)
                     readable(palette.color(QPalette.ColorRole.PlaceholderText),
                              palette.color(QPalette.ColorRole.Window)))
    label.setPalette(palette)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """A label for a field's error: bold, in the palette's link-visited (accent) colour."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAccessibleName("Error")
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def writing_font() -> QFont:
    """A serif face for long-form writing, falling back to the system font."""
    families = set(QFontDatabase.families())
    for name in ("Source Serif 4", "Source Serif Pro", "Literata", "Charter", "Georgia",
                 "DejaVu Serif", "Noto Serif", "Liberation Serif"):
        if name in families:
            font = QFont(name)
            break
    else:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(12.0)
    return font


def fixed_font(scale: float = 1.0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


def place_centred(page: QWidget, box: QWidget) -> None:
    """Lay ``box`` out in ``page``: centred across, a third of the way down."""
    across = QHBoxLayout()
    across.addStretch(1)
    across.addWidget(box)
    across.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(across)
    outer.addStretch(2)


def app_icon_label(parent: QWidget, size: int = 56) -> QLabel:
    """The application's icon, for the welcome and unlock screens."""
    label = QLabel(parent)
    icon = QApplication.windowIcon()
    if not icon.isNull():
        label.setPixmap(icon.pixmap(size, size))
    label.setFixedSize(size, size)
    return label
