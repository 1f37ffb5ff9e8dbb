"""Indicative defensive functioning over sessions: ODF with its rolling mean, and the
shares of mature, neurotic and immature defenses stacked beneath it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QWidget

from db.analytics.dto import DefensePoint
from db.vocabulary import DefenseLevel
from desktop.gui.timeline.heatstrip import LABEL_WIDTH, SessionAxis
from desktop.gui.timeline.ink import Ink, ink_for
from desktop.gui.timeline.layout import XMode, XScale

LEVEL_NAMES = {7: "7 High adaptive", 6: "6 Obsessional", 5: "5 Other neurotic",
               4: "4 Minor image-dist.", 3: "3 Disavowal", 2: "2 Major image-dist.",
               1: "1 Action"}
SHARE_COLORS = {DefenseLevel.IMMATURE: "#c8553d", DefenseLevel.NEUROTIC: "#e0a43a",
                DefenseLevel.MATURE: "#3f78b5"}
NOT_ENOUGH = "Not enough data: no defenses are marked in these sessions."


EVIDENT = QColor(63, 120, 181, 170)
SPARSE = QColor(150, 154, 160, 110)  # fewer defenses than the vault's minimum


def point_size(point: DefensePoint) -> float:
    """Marker diameter grows with the defenses behind the point, up to six of them."""
    return 4.0 + 1.5 * min(point.defenses, 6)


def point_brush(point: DefensePoint) -> QColor | None:
    """Greyed below the minimum; a point resting on one defense is drawn hollow."""
    if point.defenses <= 1:
        return QColor(0, 0, 0, 0)
    return SPARSE if point.sparse else EVIDENT


def point_pen(point: DefensePoint) -> QPen:
    color = QColor(SPARSE if point.sparse else EVIDENT)
    color.setAlpha(255 if point.defenses <= 1 else 0)
    pen = QPen(color)
    pen.setWidthF(1.2)
    return pen


def point_tip(point: DefensePoint) -> str:
    """What a hover on a point says: the session, its ODF and the n behind it."""
    n = point.defenses
    text = (f"Session {point.number} · {point.date.isoformat()}\n"
            f"ODF {point.odf:.2f} from {n} defense{'s' if n != 1 else ''}")
    if point.rolling_odf is not None:
        text += (f"\nRolling {point.rolling_odf:.2f} from {point.rolling_defenses} "
                 f"defenses of the window")
    if point.sparse:
        text += "\nBelow the minimum number of defenses: read with care."
    return text


def _tip(x: float, y: float, data: object) -> str:
    return str(data)


def _axis_style(axis: pg.AxisItem, ink: Ink) -> None:
    font = QFont()
    font.setPointSizeF(8.5)
    axis.setStyle(tickFont=font)
    axis.setTextPen(pg.mkPen(ink.text))
    axis.setPen(pg.mkPen(ink.axis))


class DefensesChart(pg.GraphicsLayoutWidget):
    """Two plots sharing the heat strip's x axis: ODF (1–7) and the defense shares."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ink = ink_for(self)
        self.setBackground(self.ink.page)
        self.points: tuple[DefensePoint, ...] = ()
        self.mode = XMode.SESSION
        self._axes = {"odf": SessionAxis(), "shares": SessionAxis()}
        self._date_axes = {"odf": pg.DateAxisItem("bottom"), "shares": pg.DateAxisItem("bottom")}
        for date_axis in self._date_axes.values():
            _axis_style(date_axis, self.ink)
        self.odf_plot = self.addPlot(row=0, col=0, axisItems={"bottom": self._axes["odf"]})
        self.share_plot = self.addPlot(row=1, col=0,
                                       axisItems={"bottom": self._axes["shares"]})
        # No outer margin, as in the heat strip's PlotWidget: the x axes line up exactly.
        self.ci.layout.setContentsMargins(0, 0, 0, 0)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)
        for plot in (self.odf_plot, self.share_plot):
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.getAxis("left").setWidth(LABEL_WIDTH)
            _axis_style(plot.getAxis("left"), self.ink)
            _axis_style(plot.getAxis("bottom"), self.ink)
            plot.getViewBox().setMouseEnabled(x=True, y=False)
            # The title spans the axis column too: over the plot alone it was cut off on
            # a laptop screen.
            plot.layout.removeItem(plot.titleLabel)
            plot.layout.addItem(plot.titleLabel, 0, 0, 1, 3)
            # Long treatments: draw what is in view, thinned to the pixels available.
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
        self.odf_plot.setYRange(0.3, 7.7, padding=0)  # room for the names of 1 and 7
        self.odf_plot.getAxis("left").setTicks([[(lv, name) for lv, name in LEVEL_NAMES.items()]])
        self.odf_plot.showGrid(y=True, alpha=0.12)
        self._odf_title = "Indicative ODF per session, with rolling mean"
        self.odf_plot.setTitle(self._odf_title, color=self.ink.text, size="9pt")
        self.share_plot.setYRange(0, 1, padding=0.02)
        self.share_plot.getAxis("left").setTicks([[(0, "0%"), (0.5, "50%"), (1, "100%")]])
        self.share_plot.setTitle(
            "Share of defenses: <span style='color:#3f78b5'>■ mature</span> "
            "<span style='color:#e0a43a'>■ neurotic</span> "
            "<span style='color:#c8553d'>■ immature</span>", color=self.ink.text, size="9pt")
        self.share_plot.setXLink(self.odf_plot)
        self._empty = pg.TextItem(NOT_ENOUGH, color=self.ink.faint, anchor=(0.5, 0.5))
        self._empty.setVisible(False)
        self.odf_plot.addItem(self._empty, ignoreBounds=True)
        self._styled = True  # palette changes restyle from now on
        # The curves are made once and given new data on each load: building plot items
        # costs more than drawing them.
        # One scatter with a size, fill and tooltip per point: the evidence behind it.
        self._odf = pg.ScatterPlotItem(hoverable=True, tip=_tip, symbol="o")
        self.odf_plot.addItem(self._odf)
        self.min_defenses = 2
        self.scoring_rule = ""
        self._rolling = self.odf_plot.plot([], [], pen=pg.mkPen(self.ink.line, width=2),
                                           connect="finite")
        self._shares: dict[str, pg.PlotDataItem] = {}
        for name in DefenseLevel:  # mature, neurotic, immature: back to front
            color = QColor(SHARE_COLORS[name])
            color.setAlpha(215)
            self._shares[name] = self.share_plot.plot([], [], pen=pg.mkPen(None), fillLevel=0,
                                                      brush=color)

    def link_x(self, plot: pg.PlotItem) -> None:
        self.odf_plot.setXLink(plot)

    def set_points(self, points: tuple[DefensePoint, ...], scale: XScale) -> None:
        self.points = points
        self.mode = scale.mode
        for name, plot in (("odf", self.odf_plot), ("shares", self.share_plot)):
            axis = (self._date_axes if scale.mode is XMode.DATE else self._axes)[name]
            if plot.getAxis("bottom") is not axis:
                plot.setAxisItems({"bottom": axis})
            if isinstance(axis, SessionAxis):
                axis.numbers = tuple(p.number for p in points)
        x = np.array([scale.center(i) for i in range(len(points))], dtype=float)
        odf = np.array([np.nan if p.odf is None else p.odf for p in points], dtype=float)
        rolling = np.array([np.nan if p.rolling_odf is None else p.rolling_odf for p in points],
                           dtype=float)
        has = ~np.isnan(odf)
        self._empty.setVisible(not has.any())
        if len(points):
            low, high = scale.extent
            self._empty.setPos((low + high) / 2, 4)
        shown = [p for p, keep in zip(points, has, strict=True) if keep]
        self._odf.setData(x=x[has], y=odf[has], size=[point_size(p) for p in shown],
                          brush=[point_brush(p) for p in shown],
                          pen=[point_pen(p) for p in shown],
                          data=[point_tip(p) for p in shown])
        self._rolling.setData(x, rolling)
        self._stack(x[has], [p for p, keep in zip(points, has, strict=True) if keep])

    def _stack(self, x: np.ndarray, points: list[DefensePoint]) -> None:
        """Stacked shares as three curves filled down to 0, drawn back to front (cheaper
        than fills between curves, which pyqtgraph rebuilds point by point)."""
        immature = np.array([p.immature or 0.0 for p in points])
        neurotic = immature + np.array([p.neurotic or 0.0 for p in points])
        for name, top in ((DefenseLevel.MATURE, np.ones(len(points))),
                          (DefenseLevel.NEUROTIC, neurotic), (DefenseLevel.IMMATURE, immature)):
            self._shares[name].setData(x, top)

    def set_overall(self, odf: float | None, defenses: int, rule: str, who: str) -> None:
        """Title the ODF plot with the client, the range, the pooled ODF, its n and the
        scoring used."""
        overall = (f"overall {odf:.2f} (n = {defenses})" if odf is not None
                   else "no defenses marked")
        self._odf_title = (f"Indicative ODF, {rule}: {overall}<br>"
                           f"<span style='font-size:8pt'>{who}</span>")
        self.odf_plot.setTitle(self._odf_title, color=self.ink.text, size="9pt")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_styled", False):
            self._restyle()

    def _restyle(self) -> None:
        """The page, axes and titles in the palette's colours (ink.py)."""
        self.ink = ink_for(self)
        self.setBackground(self.ink.page)
        for plot in (self.odf_plot, self.share_plot):
            for side in ("left", "bottom"):
                _axis_style(plot.getAxis(side), self.ink)
        for date_axis in self._date_axes.values():
            _axis_style(date_axis, self.ink)
        self.odf_plot.setTitle(self._odf_title, color=self.ink.text, size="9pt")
        self.share_plot.setTitle(self.share_plot.titleLabel.text, color=self.ink.text,
                                 size="9pt")
        self._empty.setColor(self.ink.faint)
        self._rolling.setPen(pg.mkPen(self.ink.line, width=2))

    def empty_message_visible(self) -> bool:
        return self._empty.isVisible()

