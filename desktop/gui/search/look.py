"""What hits look like everywhere (result list, note editor), and Qt's text positions."""

from __future__ import annotations

from PySide6.QtGui import QColor

HIT_BACKGROUND = QColor("#ffe38a")
HIT_FOREGROUND = QColor("#1d1d1d")


def utf16_index(text: str, index: int) -> int:
    """Qt counts text positions in UTF-16 units, Python in code points (emoji differ)."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2
