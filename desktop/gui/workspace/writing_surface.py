"""The calm writing surface: a plain-text editor with a book-like line length and margins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent, QPalette, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from desktop.gui.common.style import writing_font

LINE_CHARACTERS = 70  # a comfortable measure: about the line of a well-set book
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
        #: The selection was made with Alt held: mark it exactly, not as whole words.
        self.exact_selection = False
        self.cursorPositionChanged.connect(self._forget_exact)

    def _forget_exact(self) -> None:
        if not self.textCursor().hasSelection():
            self.exact_selection = False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.exact_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if not self.exact_selection and self.textCursor().hasSelection():
            self._snap_selection()

    def _snap_selection(self) -> None:
        """A drag that ends inside a word takes the whole word: what is seen is marked."""
        from desktop.gui.themes.text_positions import to_python, to_qt
        from desktop.gui.themes.word_snap import snap_to_words

        cursor = self.textCursor()
        text = self.toPlainText()
        anchor, position = cursor.anchor(), cursor.position()
        start, end = to_python(text, min(anchor, position)), to_python(text, max(anchor,
                                                                              position))
        new_start, new_end = snap_to_words(text, start, end)
        if (new_start, new_end) == (start, end):
            return
        first, last = to_qt(text, new_start), to_qt(text, new_end)
        if anchor <= position:
            cursor.setPosition(first)
            cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(last)
            cursor.setPosition(first, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        self.refit()
        super().resizeEvent(event)

    def refit(self) -> None:
        """Margins that keep the lines near ``LINE_CHARACTERS`` (after a resize or a new
        text size)."""
        text_width = self.fontMetrics().averageCharWidth() * LINE_CHARACTERS
        side = max(MIN_MARGIN, (self.width() - text_width) // 2)
        self.setViewportMargins(side, MIN_MARGIN // 2, side, MIN_MARGIN // 2)
