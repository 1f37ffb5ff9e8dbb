"""The calm writing surface: a plain-text editor with a book-like line length and margins."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from desktop.gui.common.style import writing_font

LINE_CHARACTERS = 76  # about the length of a line in a well-set book
MIN_MARGIN = 24


class WritingSurface(QPlainTextEdit):
    """Keeps lines near ``LINE_CHARACTERS`` wide by growing the side margins."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(writing_font())
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(12)
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        # The margins around the text look like part of the page, not like a frame.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        text_width = self.fontMetrics().averageCharWidth() * LINE_CHARACTERS
        side = max(MIN_MARGIN, (self.width() - text_width) // 2)
        self.setViewportMargins(side, MIN_MARGIN // 2, side, MIN_MARGIN // 2)
        super().resizeEvent(event)
