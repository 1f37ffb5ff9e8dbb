"""Paints a session's themes as small rounded chips in their own colours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from db.services.dto import ThemeChip
from desktop.gui.workspace.sessions_model import SessionsModel

PAD_X, GAP, RADIUS = 6, 4, 7


def readable_text(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luminance = (0.299 * background.red() + 0.587 * background.green()
                 + 0.114 * background.blue())
    return QColor(Qt.GlobalColor.black if luminance > 150 else Qt.GlobalColor.white)


class ChipDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        chips: tuple[ThemeChip, ...] = index.data(SessionsModel.ChipsRole) or ()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not chips:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = opt.font
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect = opt.rect.adjusted(4, 0, -4, 0)
        height = metrics.height() + 4
        x = float(rect.left())
        y = rect.top() + (rect.height() - height) / 2
        more_width = metrics.horizontalAdvance("+9") + GAP
        for i, chip in enumerate(chips):
            name = chip.name
            width = float(metrics.horizontalAdvance(name) + 2 * PAD_X)
            room = rect.right() - (more_width if i < len(chips) - 1 else 0)
            if i == 0 and x + width > room:
                # The strongest theme is always shown, shortened if the column is narrow.
                width = max(room - x, float(2 * PAD_X + metrics.horizontalAdvance("…")))
                name = metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                          int(width - 2 * PAD_X))
            elif x + width > room:
                painter.setPen(opt.palette.color(opt.palette.ColorRole.PlaceholderText))
                painter.drawText(QRectF(x, y, more_width + 8, height),
                                 Qt.AlignmentFlag.AlignVCenter, f"+{len(chips) - i}")
                break
            colour = QColor(chip.color) if QColor.isValidColorName(chip.color) \
                else QColor(Qt.GlobalColor.gray)
            colour.setAlphaF(0.45 + 0.18 * chip.intensity)
            box = QRectF(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(box, RADIUS, RADIUS)
            painter.setPen(readable_text(QColor(chip.color)))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
            x += width + GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt naming)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        chips: tuple[ThemeChip, ...] = index.data(SessionsModel.ChipsRole) or ()
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(c.name) + 2 * PAD_X + GAP for c in chips)
        return QSize(max(base.width(), width + 8), max(base.height(), metrics.height() + 10))
