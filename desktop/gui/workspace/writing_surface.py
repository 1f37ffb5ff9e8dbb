"""The calm writing surface: a plain-text editor with a book-like line length and margins."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QResizeEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from desktop.gui.common.style import writing_font
from desktop.gui.workspace.line_spacing import SINGLE, SpacedLayout, layout_for

LINE_CHARACTERS = 70  # a comfortable measure: about the line of a well-set book
MIN_MARGIN = 24
PAGE_MARGIN = 12  # the document's own margin, inside the viewport


class WritingSurface(QPlainTextEdit):
    """Keeps lines near ``LINE_CHARACTERS`` wide by growing the side margins."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A document of our own, before anything follows it; laid out by Qt's own plain
        # layout at single spacing (line_spacing.py: the spaced one calls into Python for
        # every paragraph at every paint).
        document = QTextDocument(self)
        document.setDocumentLayout(layout_for(document, SINGLE))
        self.setDocument(document)
        self.setFont(writing_font())
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(PAGE_MARGIN)
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

    def event(self, event: QEvent) -> bool:
        """Tab types a tab into the note; Ctrl+Tab and Ctrl+Shift+Tab leave it for the next
        and the previous control, as in most desktop text views (they switched the note
        kind before, silently, and the Marks panel after the note was out of Tab's reach)."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier and \
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            QWidget.focusNextPrevChild(self, not backwards)  # the text edit would refuse
            event.accept()
            return True
        return super().event(event)

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

    def measure(self) -> int:
        """The viewport's width for a line of ``LINE_CHARACTERS`` in the current font."""
        return self.fontMetrics().averageCharWidth() * LINE_CHARACTERS + 2 * PAGE_MARGIN

    def short_by(self) -> int:
        """How many pixels the viewport lacks for a full line (0 when it has them)."""
        return max(0, self.measure() - self.viewport().width())

    def short_by_at(self, width: int) -> int:
        """What :meth:`short_by` will be once the surface is shown ``width`` pixels wide
        (it is hidden: no note yet), the scroll bar counted as :meth:`refit` counts it."""
        room = width - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        return max(0, self.measure() - (room - 2 * MIN_MARGIN))

    def refit(self) -> None:
        """Margins that keep the lines near ``LINE_CHARACTERS`` (after a resize or a new
        text size): the room beside the scroll bar, less the line, split in two. The bar
        is counted whether shown or not: it comes and goes as the note grows."""
        room = self.contentsRect().width() - self.verticalScrollBar().sizeHint().width()
        side = max(MIN_MARGIN, (room - self.measure()) // 2)
        self.setViewportMargins(side, MIN_MARGIN // 2, side, MIN_MARGIN // 2)

    def top_block(self) -> int:
        """The paragraph at the top of the view (what is seen, whatever the wrapping)."""
        return self.firstVisibleBlock().blockNumber()

    def show_block_at_top(self, number: int) -> None:
        """Scroll so that paragraph ``number`` is at the top. The scroll bar counts wrapped
        lines of the paragraphs laid out so far, so its value alone meant another place
        once the column's width had changed; the paragraphs above are laid out first."""
        document, line = self.document(), 0
        block = document.firstBlock()
        while block.isValid() and block.blockNumber() < number:
            document.documentLayout().blockBoundingRect(block)  # lays it out if need be
            line += max(1, block.layout().lineCount()) if block.isVisible() else 0
            block = block.next()
        self.verticalScrollBar().setValue(line)

    @property
    def line_spacing(self) -> float:
        layout = self.document().documentLayout()
        return layout.spacing if isinstance(layout, SpacedLayout) else SINGLE

    def set_line_spacing(self, spacing: float) -> None:
        """Lines ``spacing`` × their height apart (1.0: single); the text is untouched."""
        if spacing == self.line_spacing:
            return
        document = self.document()
        # The same document, so the cursor, the marks' anchors and the undo history stay;
        # the editor takes it again to follow its new layout.
        document.setDocumentLayout(layout_for(document, spacing))
        self.setDocument(document)
        self.viewport().update()
