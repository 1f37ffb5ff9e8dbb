"""A thin bar per marked passage in the note's left margin, each overlap in a lane of its own.

Where passages overlap, their highlights blend and only the underline styles told them
apart. A bar beside the lines of each passage, in its theme's colour and one lane further
out for each passage it overlaps, shows how many marks cover a line and where each one
starts and ends, without reading colours.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.gui.common.contrast import readable
from desktop.gui.workspace.selections import text_cursor

BAR = 3  # px across
#: WCAG 2.1's contrast for graphics that carry meaning: a navy bar on a black page is moved
#: towards white until it stands out at least this much.
SEEN = 3.0
GAP = 2  # px between lanes
INSET = 6  # px between the innermost bar and the text's margin


class MarginBars(QWidget):
    """Paints ``bars`` (start, end, colour, lane) beside the lines of an editor's text."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self.bars: list[tuple[int, int, QColor, int]] = []
        self.setAccessibleName("Marked passages")
        editor.updateRequest.connect(lambda *_: self._follow())

    def set_bars(self, bars: list[tuple[int, int, QColor, int]]) -> None:
        self.bars = bars
        self._follow()

    def _follow(self) -> None:
        """Lie over the left margin, as wide as it is, and repaint."""
        margins = self._editor.viewportMargins()
        viewport = self._editor.viewport().geometry()
        self.setGeometry(QRect(0, viewport.top(), margins.left(), viewport.height()))
        self.setVisible(bool(self.bars))
        self.raise_()
        self.update()

    def lane_x(self, lane: int) -> int:
        return self.width() - INSET - BAR - lane * (BAR + GAP)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        if not self.bars:
            return
        editor = self._editor
        text = editor.toPlainText()
        page = editor.palette().color(QPalette.ColorRole.Base)
        painter = QPainter(self)
        for start, end, colour, lane in self.bars:
            first = editor.cursorRect(text_cursor(editor, text, start, start))
            last = editor.cursorRect(text_cursor(editor, text, end, end))
            top, bottom = first.top(), last.bottom()
            if bottom < 0 or top > self.height():
                continue
            x = self.lane_x(lane)
            if x < 0:
                continue  # more lanes than the margin holds; the underlines still tell
            painter.fillRect(QRect(x, top, BAR, bottom - top + 1), readable(colour, page, SEEN))
        painter.end()
