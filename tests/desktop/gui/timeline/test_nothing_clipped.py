"""At 1366×768, in the real window on the small demo vault: every row of the heat strip in
view has its whole name, the rows that do not fit scroll, and every table's columns fit
inside the table (no word cut off, no sideways scrolling)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from db.demo.generator import build_demo
from db.services.hub import Services
from desktop.app import build_window
from desktop.gui.main_window import MainWindow
from desktop.gui.timeline.heatstrip import LABEL_WIDTH
from desktop.gui.timeline.table_panel import TablePanel
from desktop.gui.timeline.view import TimelineView
from tests.conftest import make_vault
from tests.desktop.gui.conftest import unlock


def _window(qtbot: QtBot, vault_dir: Path, tmp_path: Path) -> MainWindow:
    vault, _ = make_vault(vault_dir)
    try:
        build_demo(Services.for_vault(vault), "small", 1, date(2026, 6, 1))
    finally:
        vault.close()
    window = build_window(vault_dir, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"),
                                             QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window


def _columns_fit(panel: TablePanel) -> list[str]:
    """What does not fit: columns wider than the table, texts wider than their column."""
    view, model = panel.view, panel.model
    problems = []
    total = sum(view.columnWidth(c) for c in range(model.columnCount()))
    if total > view.viewport().width():
        problems.append(f"{panel.title.text()}: {total} px of columns in "
                        f"{view.viewport().width()} px")
    metrics = view.fontMetrics()
    for row_index, row in enumerate(model.rows[:60]):
        for column in range(model.columnCount()):
            if column in model.text_columns:
                continue  # text columns wrap (their rows grow)
            text = model.text(row, column)
            if metrics.horizontalAdvance(text) + 8 > view.columnWidth(column):
                problems.append(f"{panel.title.text()} row {row_index}: {text!r} cut")
    return problems


def test_every_row_has_its_name_and_every_table_fits_at_1366(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path) -> None:
    window = _window(qtbot, vault_dir, tmp_path)
    workspace = window.workspace
    assert workspace is not None
    model = workspace.clients.model
    workspace.clients.select(model.client(0).id)
    view = window.show_view("timeline")
    assert isinstance(view, TimelineView)
    qtbot.waitUntil(lambda: view.analytics is not None)
    qtbot.wait(50)
    strip = view.strip
    # More rows than fit with their names: they scroll, and every row in view is named.
    assert len(strip.rows) > strip.rows_that_fit()
    assert strip.rows_bar.isVisible()
    for top in (0, strip.rows_bar.maximum()):
        strip.rows_bar.setValue(top)
        y0, y1 = strip.getPlotItem().getViewBox().viewRange()[1]
        ticks = dict(strip.getPlotItem().getAxis("left")._tickLevels[0])
        in_view = [i for i in range(len(strip.rows)) if y0 <= i + 0.5 <= y1]
        assert in_view
        for i in in_view:
            label = ticks.get(i + 0.5)
            assert label is not None, f"row {strip.rows[i].label!r} has no name"
            assert label.strip() == strip.rows[i].label, f"{label!r} is shortened"
            assert strip._label_metrics.horizontalAdvance(label) < LABEL_WIDTH
    # Every table fits its tab.
    problems: list[str] = []
    for panel in (view.recurrence, view.profile, view.ccrt, view.co_occurrence,
                  view.caseload):
        view.tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda p=panel: bool(p.model.rows))  # type: ignore[misc]
        qtbot.wait(20)
        problems += _columns_fit(panel)
    assert problems == []
    # The ODF title fits over its chart.
    title = view.charts.odf_plot.titleLabel
    assert title.item.boundingRect().width() <= title.boundingRect().width() + 1
    # Compare periods…: the labels whole, the columns inside the table.
    view.open_compare()
    dialog = view.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.data is not None)
    qtbot.wait(20)
    table, lines = dialog.table, dialog.model
    metrics = table.fontMetrics()
    widths = [table.columnWidth(c) for c in range(4)]
    assert sum(widths) <= table.viewport().width()
    bold = QFont(table.font())
    bold.setBold(True)
    for r in range(lines.rowCount()):
        font = bold if isinstance(lines.items[r], str) else table.font()
        assert QFontMetrics(font).horizontalAdvance(lines.text(r, 0)) < widths[0], (
            lines.text(r, 0))
    for r in range(lines.rowCount()):  # a period's text fits or its row holds it wrapped
        for c in (1, 2, 3):
            needed = metrics.horizontalAdvance(lines.text(r, c)) + 8
            assert needed <= widths[c] or table.rowHeight(r) > metrics.height() * 1.8
