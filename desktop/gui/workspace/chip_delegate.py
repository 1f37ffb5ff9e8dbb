"""Paints a session's themes as small rounded chips in their own colours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from db.services.dto import ThemeChip
from desktop.gui.workspace.sessions_model import SessionsModel

PAD_X, GAP, RADIUS = 6, 4, 7
#: A long name of the shipped taxonomy: the Themes column holds it whole.
LONG_NAME = "Devaluation of other's image"


def relative_luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an opaque colour."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2's contrast ratio, 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_text(background: QColor) -> QColor:
    """Black or white, whichever has more contrast on ``background`` (at least 4.58:1)."""
    black, white = QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white)
    return black if contrast(black, background) >= contrast(white, background) else white


def chip_colours(color: str, intensity: int, page: QColor) -> tuple[QColor, QColor]:
    """A chip's background as painted (its colour, more opaque for a stronger mark, over
    the row's ``page`` colour) and the text colour that reads on it. Worked out once per
    colour, intensity and page (a paint of the list asks for every visible chip); the
    colours returned are shared: copy one before changing it."""
    return _colours(color, intensity, page.rgba())


@lru_cache(maxsize=1024)
def _colours(color: str, intensity: int, rgba: int) -> tuple[QColor, QColor]:
    page = QColor.fromRgba(rgba)
    base = QColor(color) if QColor.isValidColorName(color) else QColor(Qt.GlobalColor.gray)
    alpha = 0.45 + 0.18 * intensity
    blended = QColor.fromRgbF(*(alpha * c + (1 - alpha) * p for c, p in zip(
        (base.redF(), base.greenF(), base.blueF()), (page.redF(), page.greenF(), page.blueF()),
        strict=True)))
    return blended, readable_text(blended)


def chip_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    return small


def chip_width(name: str, metrics: QFontMetrics) -> float:
    return float(metrics.horizontalAdvance(name) + 2 * PAD_X)


def themes_column_width(font: QFont) -> int:
    """What the Themes column needs to show a long theme name whole, with "+9" after it."""
    metrics = QFontMetrics(chip_font(font))
    return int(chip_width(LONG_NAME, metrics) + GAP + metrics.horizontalAdvance("+9") + 16)


@dataclass(frozen=True)
class ChipBox:
    chip: ThemeChip
    box: QRectF
    shown: str  # the name as painted: whole unless a name is longer than the column


def lay_out_chips(chips: tuple[ThemeChip, ...], metrics: QFontMetrics, rect: QRect,
                  width_of: Callable[[str], float] | None = None,
                  ) -> tuple[list[ChipBox], int]:
    """The chips that fit in ``rect``, left to right, and how many are left for "+N".

    The strongest theme comes first and is always shown whole when the column can hold it
    (the "+N" moves out of its way); only a name wider than the whole column is shortened.
    ``width_of`` gives a chip's width for its name (default: measured with ``metrics``).
    """
    if width_of is None:
        def width_of(name: str) -> float:
            return chip_width(name, metrics)
    height = metrics.height() + 4
    x = float(rect.left())
    y = rect.top() + (rect.height() - height) / 2
    more_width = metrics.horizontalAdvance("+9") + GAP
    boxes: list[ChipBox] = []
    for i, chip in enumerate(chips):
        name, width = chip.name, width_of(chip.name)
        last = i == len(chips) - 1
        room = float(rect.right() - (0 if last else more_width))
        if i == 0 and x + width > room:
            room = float(rect.right())
            if x + width > room:
                width = max(room - x, float(2 * PAD_X + metrics.horizontalAdvance("…")))
                name = metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                          int(width - 2 * PAD_X))
        elif x + width > room:
            return boxes, len(chips) - i
        boxes.append(ChipBox(chip, QRectF(x, y, width, height), name))
        x += width + GAP
    return boxes, 0


class _Measures:
    """The chip font for one list font, its metrics and the width of each name, kept:
    a paint of the list measures every visible chip, and the names repeat."""

    def __init__(self, font: QFont) -> None:
        self.font = chip_font(font)
        self.metrics = QFontMetrics(self.font)
        self._widths: dict[str, float] = {}

    def width(self, name: str) -> float:
        width = self._widths.get(name)
        if width is None:
            width = self._widths[name] = chip_width(name, self.metrics)
        return width


class ChipDelegate(QStyledItemDelegate):
    _measures: dict[str, _Measures] = {}  # by QFont.key(): the same font, the same sizes

    def _measured(self, font: QFont) -> _Measures:
        key = font.key()
        measures = self._measures.get(key)
        if measures is None:
            measures = self._measures[key] = _Measures(font)
        return measures

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
        measures = self._measured(opt.font)
        painter.setFont(measures.font)
        metrics = measures.metrics
        boxes, more = lay_out_chips(chips, metrics, opt.rect.adjusted(4, 0, -4, 0),
                                    measures.width)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        page = opt.palette.color(opt.palette.ColorRole.Highlight if selected
                                 else opt.palette.ColorRole.Base)
        for item in boxes:
            chip = item.chip
            background, text = chip_colours(chip.color, chip.intensity, page)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(item.box, RADIUS, RADIUS)
            painter.setPen(text)
            painter.drawText(item.box, Qt.AlignmentFlag.AlignCenter, item.shown)
        if more:
            last = boxes[-1].box if boxes else QRectF(opt.rect)
            painter.setPen(opt.palette.color(opt.palette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(last.right() + GAP, last.top(),
                                    metrics.horizontalAdvance("+99") + 8, last.height()),
                             Qt.AlignmentFlag.AlignVCenter, f"+{more}")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt naming)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        chips: tuple[ThemeChip, ...] = index.data(SessionsModel.ChipsRole) or ()
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(c.name) + 2 * PAD_X + GAP for c in chips)
        return QSize(max(base.width(), width + 8), max(base.height(), metrics.height() + 10))
