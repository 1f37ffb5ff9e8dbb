"""The heat strip: one row per theme, one column per session, drawn as a single image.

Built on pyqtgraph (zoom, pan, axes and a date axis on Qt's graphics view); see
``docs/timeline.md`` for why.
"""

from __future__ import annotations

import math
import uuid

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QCursor, QFont, QFontMetrics
from PySide6.QtWidgets import QScrollBar, QToolTip, QWidget

from db.analytics.dto import Timeline
from desktop.gui.common.dates import short_date
from desktop.gui.timeline.ink import ink_for
from desktop.gui.timeline.layout import DisplayRow, XMode, XScale, display_rows, render

LABEL_WIDTH = 220
#: Pixels between two row names, so that every row shown has its name.
LABEL_GAP = 2


class SessionAxis(pg.AxisItem):
    """Bottom axis in session mode: ticks at columns, labelled with session numbers."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.numbers: tuple[int, ...] = ()

    def tickStrings(self, values: list[float], scale: float, spacing: float  # noqa: N802
                    ) -> list[str]:
        labels = []
        for value in values:
            index = round(value)
            labels.append(str(self.numbers[index]) if 0 <= index < len(self.numbers)
                          and abs(value - index) < 1e-6 else "")
        return labels


class HeatStrip(pg.PlotWidget):
    """The theme × session grid of one client.

    Signals
    -------
    session_requested(session_id, theme_id)
        A cell was clicked: open that session, showing that theme's passage.
    collapsed_changed()
        A category group was folded or unfolded.
    """

    session_requested = Signal(uuid.UUID, uuid.UUID)
    collapsed_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self._session_axis = SessionAxis()
        super().__init__(parent, background="w", axisItems={"bottom": self._session_axis})
        self._date_axis = pg.DateAxisItem("bottom")
        self.timeline: Timeline | None = None
        self.rows: list[DisplayRow] = []
        self.scale_x = XScale(XMode.SESSION, (), ())
        self.collapsed: set[uuid.UUID] = set()
        self.mode = XMode.SESSION
        self.image = pg.ImageItem(axisOrder="row-major")
        self.addItem(self.image)
        plot = self.getPlotItem()
        plot.invertY(True)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showGrid(x=False, y=False)
        left = plot.getAxis("left")
        left.setWidth(LABEL_WIDTH)
        font = QFont()
        font.setPointSizeF(8.5)
        left.setStyle(tickFont=font, tickLength=0)
        self._label_height = QFontMetrics(font).height()
        self._label_metrics = QFontMetrics(font)
        #: Beside the strip (the view places it): scrolls the rows when not all fit with
        #: their names; hidden when they do.
        self.rows_bar = QScrollBar(Qt.Orientation.Vertical)
        self.rows_bar.setAccessibleName("Scroll the timeline's rows")
        self.rows_bar.hide()
        self.rows_bar.valueChanged.connect(self._bar_moved)
        self.ink = ink_for(self)
        self._restyle()
        self._session_axis.setStyle(tickFont=font)
        self._date_axis.setStyle(tickFont=font)
        plot.getViewBox().setMouseEnabled(x=True, y=True)
        plot.getViewBox().sigYRangeChanged.connect(self._label_rows)
        plot.getViewBox().sigYRangeChanged.connect(self._sync_bar)
        plot.getViewBox().sigResized.connect(self._fit_rows)
        self.scene().sigMouseMoved.connect(self._hover)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.setMinimumHeight(160)
        self._styled = True  # palette changes restyle from now on

    # --- content --------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline) -> None:
        """Show a (filtered) timeline; folded groups stay folded if they are still there."""
        self.timeline = timeline
        present = {g.category_id for g in timeline.groups}
        self.collapsed &= present
        self._redraw(reset_view=True)

    def set_mode(self, mode: XMode) -> None:
        """Session numbers or calendar dates on the x axis."""
        if mode is self.mode:
            return
        self.mode = mode
        axis = self._date_axis if mode is XMode.DATE else self._session_axis
        self.getPlotItem().setAxisItems({"bottom": axis})
        self._redraw(reset_view=True)

    def set_collapsed(self, group_id: uuid.UUID, collapsed: bool) -> None:
        if collapsed:
            self.collapsed.add(group_id)
        else:
            self.collapsed.discard(group_id)
        self._redraw(reset_view=False)
        self.collapsed_changed.emit()

    def _restyle(self) -> None:
        """The page and the axes in the palette's colours (ink.py)."""
        self.ink = ink_for(self)
        self.setBackground(self.ink.page)
        for axis in (self.getPlotItem().getAxis("left"), self._session_axis, self._date_axis):
            axis.setTextPen(pg.mkPen(self.ink.text))
            axis.setPen(pg.mkPen(self.ink.axis))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_styled", False):
            self._restyle()
            self._redraw(reset_view=False)

    def _redraw(self, *, reset_view: bool) -> None:
        timeline = self.timeline
        if timeline is None:
            return
        self.rows = display_rows(timeline, self.collapsed)
        self.scale_x = XScale.build(timeline, self.mode)
        left = self.getPlotItem().getAxis("left")
        if not self.rows:
            self.image.clear()
            left.setTicks([[], []])
            return
        array, (x, y, w, h) = render(timeline, self.rows, self.scale_x, self.ink.strip)
        self.image.setImage(array, autoLevels=False)
        self.image.setRect(x, y, w, h)
        self._label_rows()
        self._session_axis.numbers = tuple(c.number for c in timeline.sessions)
        view = self.getPlotItem().getViewBox()
        height = max(len(self.rows), 1)
        view.setLimits(xMin=x - w * 0.02, xMax=x + w * 1.02, yMin=-0.5, yMax=height + 0.5,
                       minXRange=min(w, 3.0 if self.mode is XMode.SESSION else 14 * 86400.0))
        shown = min(height, self.rows_that_fit())
        view.setLimits(maxYRange=shown)
        if reset_view:
            view.setRange(xRange=(x, x + w), yRange=(0, shown), padding=0)
        else:
            view.setYRange(0, shown, padding=0)
        self._fit_rows()

    def rows_that_fit(self) -> int:
        """How many rows the strip can show with every one named."""
        height = self.getPlotItem().getViewBox().height()
        return max(1, int(height // (self._label_height + LABEL_GAP))) if height > 0 else 1

    def _fit_rows(self) -> None:
        """Never more rows in view than can carry their names; the rest scroll."""
        view = self.getPlotItem().getViewBox()
        total = max(len(self.rows), 1)
        fit = min(total, self.rows_that_fit())
        view.setLimits(maxYRange=fit)
        y0, y1 = view.viewRange()[1]
        if y1 - y0 > fit + 1e-6 or (self.rows and y1 - y0 < fit - 1e-6 and fit > 1):
            top = max(0.0, min(y0, total - fit))  # as many rows as fit, from the same top
            view.setYRange(top, top + fit, padding=0)
        self._sync_bar()
        self._label_rows()

    def _sync_bar(self) -> None:
        view = self.getPlotItem().getViewBox()
        y0, y1 = view.viewRange()[1]
        span = max(1, round(y1 - y0))
        hidden = max(0, len(self.rows) - span)
        bar = self.rows_bar
        bar.blockSignals(True)
        bar.setRange(0, hidden)
        bar.setPageStep(span)
        bar.setValue(max(0, min(hidden, round(y0))))
        bar.blockSignals(False)
        bar.setVisible(hidden > 0)

    def _bar_moved(self, value: int) -> None:
        view = self.getPlotItem().getViewBox()
        y0, y1 = view.viewRange()[1]
        view.setYRange(value, value + (y1 - y0), padding=0)

    def _label_rows(self) -> None:
        """Name the rows; the strip never shows more than fit with their names
        (:meth:`_fit_rows`), so every row in view has one. (Should a row still be too
        short, the category headings and every n-th theme are named.) A name too long
        for the column is shortened with "…" only past its pixel width."""
        view = self.getPlotItem().getViewBox()
        y0, y1 = view.viewRange()[1]
        per_row = view.height() / max(y1 - y0, 1e-9)
        stride = max(1, math.ceil(self._label_height / per_row)) if per_row > 0 else 1
        ticks: list[tuple[float, str]] = []
        last, last_is_theme = -stride, False
        for i, r in enumerate(self.rows):
            heading = r.row is None
            if heading and last_is_theme and i - last < stride:
                ticks.pop()  # a heading always shows; a theme name too close above it goes
            if heading or i - last >= stride:
                ticks.append((i + 0.5, self.label_text(r.label, heading)))
                last, last_is_theme = i, not heading
        self.getPlotItem().getAxis("left").setTicks([ticks, []])

    def label_text(self, label: str, heading: bool) -> str:
        text = label if heading else "   " + label
        return self._label_metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                              LABEL_WIDTH - 12)

    # --- what is under the pointer -------------------------------------------------------

    def cell_at(self, x: float, y: float) -> tuple[int, int | None] | None:
        """(display row, column) under view coordinates, column None outside sessions."""
        if self.timeline is None or y < 0 or int(y) >= len(self.rows):
            return None
        return int(y), self.scale_x.column_at(x)

    def tooltip_at(self, display_row: int, column: int | None) -> str:
        """What the hover shows: date, theme, intensity and the passage's first words."""
        timeline = self.timeline
        if timeline is None or column is None:
            return ""
        session = timeline.sessions[column]
        head = f"Session {session.number} · {short_date(session.date)}"
        line = self.rows[display_row]
        if line.row is None:
            group = timeline.groups[line.group]
            names = [timeline.rows[r].name for r in group.rows
                     if timeline.cell(r, column) is not None]
            body = ", ".join(names) if names else "nothing marked"
            return f"{head}\n{group.name}: {body}"
        row = timeline.rows[line.row]
        cell = timeline.cell(line.row, column)
        if cell is None:
            return f"{head}\n{row.name}: not marked"
        text = f"{head}\n{row.name} — intensity {cell.intensity} of 3"
        if cell.passage_marks:
            plural = "s" if cell.passage_marks != 1 else ""
            text += f"\n{cell.passage_marks} marked passage{plural}"
            if cell.passage_preview:
                text += f": “{cell.passage_preview}”"
        return text

    def view_point(self, column: int, display_row: int) -> QPoint:
        """Widget coordinates of the centre of a cell (for tests and keyboard use)."""
        scene = self.getPlotItem().getViewBox().mapViewToScene(
            QPointF(self.scale_x.center(column), display_row + 0.5))
        return self.mapFromScene(scene)

    def _hover(self, scene_pos: QPointF) -> None:
        view = self.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        point = view.mapSceneToView(scene_pos)
        hit = self.cell_at(point.x(), point.y())
        text = self.tooltip_at(*hit) if hit else ""
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def _clicked(self, event: object) -> None:
        button = event.button()  # type: ignore[attr-defined]
        if button != Qt.MouseButton.LeftButton or self.timeline is None:
            return
        view = self.getPlotItem().getViewBox()
        point = view.mapSceneToView(event.scenePos())  # type: ignore[attr-defined]
        hit = self.cell_at(point.x(), point.y())
        if hit is None:
            return
        line = self.rows[hit[0]]
        if line.row is None:
            group = self.timeline.groups[line.group]
            self.set_collapsed(group.category_id, group.category_id not in self.collapsed)
            return
        column = hit[1]
        if column is None or self.timeline.cell(line.row, column) is None:
            return
        self.session_requested.emit(self.timeline.sessions[column].session_id,
                                    self.timeline.rows[line.row].theme_id)
