"""What hits look like everywhere (the result list and the note editor)."""

from __future__ import annotations

from PySide6.QtGui import QColor

HIT_BACKGROUND = QColor("#ffe38a")
HIT_FOREGROUND = QColor("#1d1d1d")
