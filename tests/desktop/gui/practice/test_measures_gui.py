"""Outcome measures in a real main window: the Measures dock, entering PHQ-9 items and a
GAD-7 total, the change since the first score, and the chart on the session axis."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.measures.timeline import align
from db.services.dto import SessionInput
from desktop.gui.main_window import MainWindow
from desktop.gui.measures.chart import MeasureChart
from desktop.gui.measures.entry_dialog import ScoreDialog
from desktop.gui.measures.install import MeasuresExtension, install
from desktop.gui.timeline.layout import XMode, XScale
from tests.desktop.gui.conftest import open_window, unlock


def _window(qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> MainWindow:
    window = open_window(qtbot, seeded_vault, settings_path, extensions=(install,))
    unlock(qtbot, window)
    return window


def test_enter_items_and_a_total_and_see_the_change(qtbot: QtBot, seeded_vault: Path,
                                                     settings_path: Path) -> None:
    window = _window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    first, second = sorted(services.sessions.list_for_client(robin.id), key=lambda s: s.number)
    window.open_session(robin.id, first.id)
    extension: MeasuresExtension = window.measures  # type: ignore[attr-defined]
    panel = extension.show()
    assert panel is not None
    qtbot.waitUntil(lambda: panel.session_id == first.id)
    dialog = panel.enter("phq9")
    assert dialog is not None
    # 2+2+2+2+2+2+2+2 and item 9 left open: not saved, one sentence
    for combo in dialog.items[:8]:
        combo.setCurrentIndex(3)  # "2 More than half the days"
    assert dialog.summary.text() == "1 item not answered yet."
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ("PHQ-9 needs an answer to each of its 9 items, or "
                                     "enter the total only.")
    assert services.measures.for_session(first.id) == []
    dialog.items[8].setCurrentIndex(3)
    assert dialog.summary.text() == "Total 18 — moderately severe"
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 1).text() == "18"
    assert panel.risk.isVisibleTo(panel)  # item 9 answered above "not at all"
    # the next session, by total only: 13 is reliably better, (13 − 18) / 1.979899 = −2.53
    window.open_session(robin.id, second.id)
    qtbot.waitUntil(lambda: panel.session_id == second.id)
    dialog = panel.enter("phq9")
    assert dialog is not None
    dialog.total_only.setChecked(True)
    dialog.total.setValue(13)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 3).text() == "reliably better (RCI -2.53)"
    assert not panel.risk.isVisibleTo(panel)


def test_chart_marks_not_on_track_on_the_session_axis(qtbot: QtBot, seeded_vault: Path,
                                                      settings_path: Path) -> None:
    window = _window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    first, second = sorted(services.sessions.list_for_client(robin.id), key=lambda s: s.number)
    third = services.sessions.create(robin.id, SessionInput(date(2026, 3, 16))).value
    services.measures.record(first.id, "gad7", total=8)
    services.measures.record(second.id, "gad7", total=9)
    services.measures.record(third.id, "gad7", total=13)  # (13 − 8) / 1.982524 = +2.52
    timeline = services.analytics.timeline(robin.id)
    aligned = align(services.measures.series(robin.id),
                    [column.session_id for column in timeline.sessions])
    assert aligned[0].columns == (0, 1, 2)
    assert aligned[0].not_on_track == (False, False, True)
    chart = MeasureChart()
    qtbot.addWidget(chart)
    chart.set_measures(aligned, XScale.build(timeline, XMode.SESSION))
    chart.show()
    assert len(chart.plots) == 1
    assert chart.not_on_track_count() == 1


def test_the_timeline_view_shows_the_measures_under_the_odf(qtbot: QtBot, vault: object,
                                                           services: object) -> None:
    from db.services.dto import ClientInput
    from db.services.hub import Services
    from desktop.gui.timeline.view import TimelineView

    assert isinstance(services, Services)
    robin = services.clients.create(ClientInput("RB-07")).value
    made = [services.sessions.create(robin.id, SessionInput(date(2026, 3, day))).value
            for day in (2, 9, 16)]
    for session, total in zip(made, (10, 10, 15), strict=True):  # (15 − 10) / 1.979899 = +2.53
        services.measures.record(session.id, "phq9", total=total)
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    with qtbot.waitSignal(view.loaded):
        view.show_client(robin.id)
    qtbot.waitUntil(lambda: view.measure_chart.isVisible())
    assert [m.measure.name for m in view.measure_chart.measures] == ["PHQ-9"]
    assert view.measure_chart.not_on_track_count() == 1


def test_a_scale_of_ones_own_refused_then_made(qtbot: QtBot, seeded_vault: Path,
                                               settings_path: Path) -> None:
    window = _window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    first = sorted(services.sessions.list_for_client(robin.id), key=lambda s: s.number)[0]
    window.open_session(robin.id, first.id)
    extension: MeasuresExtension = window.measures  # type: ignore[attr-defined]
    panel = extension.show()
    assert panel is not None
    qtbot.waitUntil(lambda: panel.session_id == first.id)
    dialog = panel.new_scale()
    qtbot.keyClicks(dialog.name, "GAD-7")  # the name of a published measure: refused
    dialog.save()
    qtbot.waitUntil(lambda: dialog.problem.text() == "There is already a measure with that "
                                                     "name.")
    assert [m.name for m in services.measures.measures()] == ["PHQ-9", "GAD-7"]
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Sleep quality")
    dialog.direction.setCurrentIndex(1)  # higher is better
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    qtbot.waitUntil(lambda: isinstance(panel.dialog, ScoreDialog))
    entry = panel.dialog
    assert isinstance(entry, ScoreDialog)
    assert entry.measure.name == "Sleep quality"
    entry.total.setValue(7)
    with qtbot.waitSignal(entry.saved):
        entry.save()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 0).text() == "Sleep quality"
    assert panel.table.item(0, 2).text() == "—"  # no bands for own scales
