"""Paints passage marks into a ``QPlainTextEdit`` and explains them on hover."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from db.anchors import Anchor
from desktop.gui.themes.margin_bars import MarginBars
from desktop.gui.themes.swatch import readable_highlight
from desktop.gui.themes.text_positions import to_python
from desktop.gui.workspace.selections import replace_group

#: Marks our own extra selections, so others (a find bar, a spell checker) are kept.
OWN = QTextFormat.Property.UserProperty + 41


_U = QTextCharFormat.UnderlineStyle
#: One underline style per level of overlap: solid, dashed, dotted, wavy.
UNDERLINES = (_U.SingleUnderline, _U.DashUnderline, _U.DotLine, _U.WaveUnderline)


def overlaps(a: Anchor, b: Anchor) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class Highlight:
    anchor: Anchor
    color: str
    title: str  # "Humor · dominant"
    comment: str = ""

    def tooltip(self) -> str:
        text = f"<b>{html.escape(self.title)}</b>"
        if self.comment:
            text += f"<br>{html.escape(self.comment)}"
        return text


class PassageHighlighter(QObject):
    """Keeps an editor's highlights in step with a list of :class:`Highlight`."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._items: list[Highlight] = []
        self._shown: tuple[object, ...] | None = None  # what the last repaint laid out
        self.margin = MarginBars(editor)  # a bar per passage, one lane per overlap
        editor.viewport().installEventFilter(self)

    @property
    def items(self) -> list[Highlight]:
        return list(self._items)

    def set_highlights(self, items: list[Highlight]) -> None:
        self._items = list(items)
        self.repaint()

    def repaint(self) -> None:
        # Opening a note asks several times in one go (the text replaced, the anchors
        # re-found, the marks shown): what is already shown is not laid out again.
        palette = self._editor.palette()
        shown = (self._editor.document().revision(), tuple(self._items),
                 palette.color(QPalette.ColorRole.Base).rgba(),
                 palette.color(QPalette.ColorRole.Text).rgba())
        if shown == self._shown or (not self._items and self._shown is not None
                                    and not self._shown[1]):
            self._shown = shown
            return  # the same again, or nothing to show where nothing is shown
        self._shown = shown
        end = len(self._editor.toPlainText()) if self._items else 0
        spans, bars = [], []
        # Longer passages first, so a short one inside a long one stays visible on top.
        ordered = sorted(self._items, key=lambda h: h.anchor.start - h.anchor.end)
        page, ink = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        for i, item in enumerate(ordered):
            fmt = QTextCharFormat()
            fmt.setBackground(readable_highlight(item.color, page, ink))
            # An underline in the full colour keeps pale themes visible on a light page; a
            # passage inside or across another gets the next style, so where two overlap
            # both can be told apart, not only by their blended colours.
            depth = sum(1 for other in ordered[:i] if overlaps(other.anchor, item.anchor))
            fmt.setUnderlineStyle(UNDERLINES[depth % len(UNDERLINES)])
            fmt.setUnderlineColor(QColor(item.color).darker(115))
            spans.append((min(item.anchor.start, end), min(item.anchor.end, end), fmt))
            bars.append((min(item.anchor.start, end), min(item.anchor.end, end),
                         QColor(item.color), depth))
        replace_group(self._editor, OWN, spans)
        self.margin.set_bars(bars)

    def at(self, position: int) -> list[Highlight]:
        """The highlights covering a (code-point) position of the text."""
        return [h for h in self._items if h.anchor.start <= position < h.anchor.end]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self._editor.cursorForPosition(event.pos())
            position = to_python(self._editor.toPlainText(), cursor.position())
            found = self.at(position)
            if found:
                QToolTip.showText(event.globalPos(), "<br><br>".join(h.tooltip() for h in found),
                                  self._editor)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
