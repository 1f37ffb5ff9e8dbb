"""Paints one search hit: client and place on the first line, the snippet below with its
hits highlighted.

The snippet is laid out with :class:`QTextLayout` and format ranges, never as rich text,
so whatever a note contains (``<b>``, ``&amp;``…) is shown exactly as typed.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from db.search.dto import SearchHit
from desktop.gui.search.look import HIT_BACKGROUND, HIT_FOREGROUND
from desktop.gui.search.results_model import SearchResultsModel, place_of
from desktop.gui.themes.text_positions import to_qt

Index = QModelIndex | QPersistentModelIndex
PADDING = 8
SNIPPET_LINES = 2


def hit_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(HIT_BACKGROUND)
    fmt.setForeground(HIT_FOREGROUND)
    fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt


class SearchHitDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        lines = 1 + SNIPPET_LINES
        return QSize(320, lines * metrics.lineSpacing() + 2 * PADDING + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(SearchResultsModel.HitRole)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group)
        rect = QRectF(option.rect).adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = QFontMetrics(option.font)
        # First line: the client code in bold, then where the hit is.
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text_color)
        code_width = QFontMetrics(bold).horizontalAdvance(hit.client_code + "  ")
        baseline = rect.top() + metrics.ascent()
        painter.drawText(QPointF(rect.left(), baseline), hit.client_code)
        painter.setFont(option.font)
        muted = QColor(text_color)
        muted.setAlphaF(0.65)
        painter.setPen(muted)
        place = metrics.elidedText(place_of(hit), Qt.TextElideMode.ElideRight,
                                   int(rect.width() - code_width))
        painter.drawText(QPointF(rect.left() + code_width, baseline), place)
        # Below: the snippet, wrapped to at most two lines, hits highlighted.
        painter.setPen(text_color)
        self._draw_snippet(painter, hit, option.font,
                           rect.adjusted(0, metrics.lineSpacing() + 4, 0, 0))
        painter.restore()

    def _draw_snippet(self, painter: QPainter, hit: SearchHit, font: QFont,
                      rect: QRectF) -> None:
        layout = QTextLayout(hit.snippet, font)
        ranges = []
        for start, end in hit.spans:
            fmt_range = QTextLayout.FormatRange()
            first, last = to_qt(hit.snippet, start), to_qt(hit.snippet, end)
            fmt_range.start, fmt_range.length, fmt_range.format = first, last - first, hit_format()
            ranges.append(fmt_range)
        layout.setFormats(ranges)
        layout.beginLayout()
        y = 0.0
        for _ in range(SNIPPET_LINES):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        painter.save()
        painter.setClipRect(rect)
        layout.draw(painter, rect.topLeft())
        painter.restore()
