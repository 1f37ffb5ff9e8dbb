"""The timeline's charts follow the window's palette: in a dark palette the heat strip,
the ODF chart and the measures chart are drawn on a dark page with light ink (they were
white pages in a dark window), and they change with the palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.measures.chart import MeasureChart
from desktop.gui.timeline.defenses_chart import DefensesChart
from desktop.gui.timeline.heatstrip import HeatStrip
from desktop.gui.timeline.ink import DARK, LIGHT


def _dark(widget: QWidget) -> None:
    palette = widget.palette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2d31"),
                        (QPalette.ColorRole.Base, "#1e1f22"),
                        (QPalette.ColorRole.Text, "#e6e6e6"),
                        (QPalette.ColorRole.WindowText, "#e6e6e6")):
        palette.setColor(role, QColor(color))
    widget.setPalette(palette)


def _page_lightness(chart: QWidget) -> int:
    chart.resize(300, 200)
    image = chart.grab().toImage()
    return image.pixelColor(image.width() - 3, 3).lightness()  # a corner: page only


def test_charts_take_a_dark_page_with_the_palette_and_back(qtbot: QtBot) -> None:
    for make in (HeatStrip, DefensesChart, MeasureChart):
        chart = make()
        qtbot.addWidget(chart)
        assert _page_lightness(chart) > 200
        _dark(chart)
        assert _page_lightness(chart) < 60, make.__name__
        chart.setPalette(QPalette())
        assert _page_lightness(chart) > 200, make.__name__


def test_the_strip_and_the_odf_chart_use_light_ink_on_dark(qtbot: QtBot) -> None:
    strip, odf = HeatStrip(), DefensesChart()
    for chart in (strip, odf):
        qtbot.addWidget(chart)
        assert chart.ink is LIGHT
        _dark(chart)
        assert chart.ink is DARK
    assert QColor(DARK.text).lightness() - QColor(DARK.page).lightness() > 150
    left = strip.getPlotItem().getAxis("left")
    assert left.textPen().color().name() == DARK.text
    assert odf._rolling.opts["pen"].color().name() == DARK.line
