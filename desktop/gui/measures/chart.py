"""Each measure of a client over sessions, on the timeline's x axis, with a marker where a
score is reliably worse than the first ("not on track")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from db.analytics.dto import Timeline
from db.measures.timeline import AlignedMeasure, align
from db.services.hub import Services
from desktop.gui.common.jobs import Jobs
from desktop.gui.timeline.heatstrip import LABEL_WIDTH
from desktop.gui.timeline.ink import ink_for
from desktop.gui.timeline.layout import XScale

LINE = "#3f78b5"
NOT_ON_TRACK = "#c8553d"


class MeasureChart(pg.GraphicsLayoutWidget):
    """One small plot per measure; ``link_x`` ties them to the heat strip's axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground(ink_for(self).page)
        self.ci.layout.setContentsMargins(0, 0, 0, 0)
        self.plots: list[pg.PlotItem] = []
        self.measures: list[AlignedMeasure] = []
        self._link: pg.PlotItem | None = None
        self._shown: tuple[Sequence[AlignedMeasure], XScale] | None = None

    def link_x(self, plot: pg.PlotItem) -> None:
        self._link = plot
        for own in self.plots:
            own.setXLink(plot)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_shown"):
            self.setBackground(ink_for(self).page)
            if self._shown is not None:
                self.set_measures(*self._shown)  # axes and titles in the new ink

    def set_measures(self, measures: Sequence[AlignedMeasure], scale: XScale) -> None:
        self._shown = (measures, scale)
        self.clear()
        self.plots = []
        self.measures = [m for m in measures if m.columns]
        self.setVisible(bool(self.measures))
        for row, measure in enumerate(self.measures):
            plot = self.addPlot(row=row, col=0)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.getAxis("left").setWidth(LABEL_WIDTH)
            ink = ink_for(self)
            self.setBackground(ink.page)
            plot.getAxis("left").setTextPen(pg.mkPen(ink.text))
            plot.getAxis("left").setPen(pg.mkPen(ink.axis))
            plot.getAxis("bottom").setTextPen(pg.mkPen(ink.text))
            plot.getAxis("bottom").setPen(pg.mkPen(ink.axis))
            plot.getViewBox().setMouseEnabled(x=True, y=False)
            low, high = measure.measure.minimum, measure.measure.maximum
            plot.setYRange(low, high, padding=0.05)
            plot.setTitle(measure.measure.name, color=ink.text, size="9pt")
            x = np.array([scale.center(c) for c in measure.columns], dtype=float)
            y = np.array(measure.totals, dtype=float)
            plot.plot(x, y, pen=pg.mkPen(LINE, width=2), symbol="o", symbolSize=6,
                      symbolBrush=QColor(LINE), symbolPen=None)
            worse = np.array(measure.not_on_track, dtype=bool)
            if worse.any():
                plot.plot(x[worse], y[worse], pen=None, symbol="t1", symbolSize=12,
                          symbolBrush=QColor(NOT_ON_TRACK), symbolPen=None,
                          name="not on track")
            if self._link is not None:
                plot.setXLink(self._link)
            self.plots.append(plot)

    def not_on_track_count(self) -> int:
        return sum(sum(m.not_on_track) for m in self.measures)


def show_client_measures(chart: MeasureChart, services: Services, grid: Timeline,
                         scale: XScale, jobs: Jobs) -> None:
    """Draw the client's measures on ``grid``'s columns (the timeline view calls this with
    each new answer). Their scores are read in a job, like everything the window shows
    (docs/architecture-notes.md, "What the workspace shows is read off the GUI thread");
    a newer call makes an older answer stale, so a chart never shows another client's."""
    columns = [c.session_id for c in grid.sessions]
    client_id = grid.client_id
    jobs.start(lambda: services.measures.series(client_id),
               on_done=lambda series: chart.set_measures(align(series, columns), scale),
               key=(chart, "series"), owner=chart, name="reading a client's measures")
