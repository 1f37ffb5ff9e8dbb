"""Opening a long treatment in the timeline: 1,000 sessions, 60 themes in use.

Measures the whole "open a client" path as a clinician meets it — from
``TimelineView.show_client`` through the analytics in the worker thread and back to the
view painted — and its parts: the analytics service (the grid and every panel, one read of
the vault), filling and painting the view, and one zoom step of the heat strip.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from db.models import Client, Mark, Theme, TherapySession
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.timeline.view import TimelineView
from tests.bench.harness import Figure, Recorder, timed
from tests.conftest import make_vault
from tests.db.analytics_fixtures import Fixture

RUNS = int(os.environ.get("THREADLINE_BENCH_RUNS", "7"))
SESSIONS = 1_000
THEMES = 60
COMMAND = ("QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m bench "
           "-o addopts='-q -p no:cacheprovider' tests/bench/bench_timeline.py")


def build_long_client(vault: Vault, sessions: int = SESSIONS, themes: int = THEMES,
                      seed: int = 11) -> uuid.UUID:
    """A fictional client seen weekly for ~19 years: each theme comes and goes in runs.

    About a quarter of all cells are marked (~15,000 marks), a third of them on a passage.
    """
    rng = random.Random(seed)
    with vault.database.write() as s:
        Fixture(s)  # seeds the shipped taxonomy
        keys = list(s.scalars(select(Theme.id).order_by(Theme.position)))[:themes]
        client = Client(code="BENCH-01")
        s.add(client)
        s.flush()
        ids = [uuid.uuid4() for _ in range(sessions)]
        start = date(2006, 1, 9)
        s.execute(insert(TherapySession), [
            {"id": ids[n], "client_id": client.id, "number": n + 1,
             "date": start + timedelta(days=7 * n), "attendance": "attended"}
            for n in range(sessions)])
        marks = []
        for theme in keys:
            on = False
            for sid in ids:
                on = rng.random() < (0.7 if on else 0.1)
                if not on:
                    continue
                mark = {"id": uuid.uuid4(), "session_id": sid, "theme_id": theme,
                        "intensity": rng.choice((1, 2, 3))}
                if rng.random() < 0.33:
                    mark.update(note_kind="process", anchor_start=rng.randrange(5000),
                                anchor_end=0, anchor_text="a fictional passage of the note "
                                "about the week, the work and the weekend")
                marks.append(mark)
        for chunk in range(0, len(marks), 5000):
            s.execute(insert(Mark), [
                {"note_kind": None, "anchor_start": None, "anchor_end": None,
                 "anchor_text": None, **m} for m in marks[chunk:chunk + 5000]])
        return client.id


def raw_marks_fetch(vault: Vault, client: uuid.UUID) -> Callable[[], object]:
    """The floor: the same marks fetched with the bare DB-API cursor, no Threadline code."""
    sql = ("SELECT mark.session_id, mark.theme_id, mark.intensity, mark.anchor_start, "
           "substr(mark.anchor_text, 1, 100) FROM mark JOIN therapy_session "
           "ON therapy_session.id = mark.session_id "
           "WHERE therapy_session.client_id = ? AND therapy_session.attendance = 'attended'")

    def fetch() -> object:
        connection = vault.database.engine.raw_connection()
        try:
            return connection.cursor().execute(sql, (client.hex,)).fetchall()
        finally:
            connection.close()

    return fetch


@pytest.mark.bench
def test_open_a_long_client_in_the_timeline(bench: Recorder, qtbot: QtBot,
                                            tmp_path: Path) -> None:
    vault, _ = make_vault(tmp_path / "vault")
    try:
        client = build_long_client(vault)
        services = Services.for_vault(vault)
        full, analytics = services.analytics.client(client)
        assert len(full.sessions) == SESSIONS
        assert len(full.rows) == THEMES

        view = TimelineView(services)
        qtbot.addWidget(view)
        view.resize(1600, 950)
        view.show()
        qtbot.waitExposed(view)
        load_before = os.getloadavg()[0]
        whole, whole_cpu, gui_cpu = _open_client(qtbot, view, client, RUNS)
        load_after = os.getloadavg()[0]
        assert view.analytics is not None
        assert len(view.analytics.grid.sessions) == SESSIONS

        service = timed(lambda: services.analytics.client(client), RUNS)
        floor = timed(raw_marks_fetch(vault, client), RUNS)
        marks = raw_marks_fetch(vault, client)()
        assert isinstance(marks, list)
        assert len(marks) == sum(len(r.cells) for r in full.rows)  # one mark per cell here

        probe = PaintProbe(view.strip.viewport(), view.charts.viewport(),
                           view.recurrence.view.viewport())

        def fill_and_paint() -> None:
            QApplication.processEvents()
            probe.reset()
            view.strip.set_timeline(analytics.grid)
            view.charts.set_points(analytics.defenses, view.strip.scale_x)
            view.recurrence_model.set_rows(analytics.recurrence)
            probe.wait()

        paint = timed(fill_and_paint, RUNS)
        box = view.strip.getPlotItem().getViewBox()
        steps = iter(range(10_000))
        charts = PaintProbe(view.strip.viewport(), view.charts.viewport())

        def zoom() -> None:
            n = next(steps) % 50
            QApplication.processEvents()
            charts.reset()
            box.setXRange(n * 10, n * 10 + 200, padding=0)
            charts.wait()  # the heat strip and the charts follow the same x

        zoom_frames = timed(zoom, RUNS * 3)
    finally:
        vault.close()
    note = (f"{SESSIONS:,} weekly sessions, {THEMES} themes in use, "
            f"{sum(len(r.cells) for r in full.rows):,} marked cells; offscreen Qt, "
            f"view 1600 × 950; machine load average {load_before:.1f} before and "
            f"{load_after:.1f} after measuring, on {os.cpu_count()} cores (wall times grow "
            "with the load, CPU time much less).")
    bench.record(Figure(
        section="Timeline", name="open a 1,000-session client: show_client to painted",
        unit="ms", samples=whole, max_value=150, target="≤ 150 ms", command=COMMAND,
        note=note + " From `TimelineView.show_client` through the analytics in the worker "
        "thread, the answer's hop back to the GUI thread and filling every visible panel, to "
        "the heat strip, the charts and the visible table painted by the event loop."))
    bench.record(Figure(
        section="Timeline", name="open a 1,000-session client, CPU time of the process",
        unit="ms", samples=whole_cpu, max_value=150, target="≤ 150 ms", command=COMMAND,
        note="The same path measured with time.process_time() (both threads), which other "
        "processes on a busy machine do not inflate."))
    bench.record(Figure(
        section="Timeline", name="open a 1,000-session client, GUI thread busy",
        unit="ms", samples=gui_cpu, command=COMMAND,
        note="CPU time of the GUI thread alone on the same path (time.thread_time()): "
        "the rest runs in the worker, while the window stays responsive."))
    bench.record(Figure(
        section="Timeline", name="analytics service: grid + ODF + CCRT + recurrence + "
        "co-occurrence", unit="ms", samples=service, floor_name="bare SQL fetch of the marks",
        floor_samples=floor, command=COMMAND,
        note="`AnalyticsService.client` (sessions, marks, taxonomy and episodes in one read "
        "unit of work), against the marks query run on the bare DB-API cursor."))
    bench.record(Figure(
        section="Timeline", name="fill and paint: heat strip, charts, recurrence table",
        unit="ms", samples=paint, command=COMMAND,
        note="Giving the view an answer already computed, until the heat strip, the charts "
        "and the table have been painted by the event loop."))
    bench.record(Figure(
        section="Timeline", name="zoom/pan step of the heat strip (one frame)", unit="ms",
        samples=zoom_frames, max_value=33, target="≤ 33 ms (30 frames/s)", command=COMMAND,
        note="A new x range, until the heat strip and the charts have been painted by the "
        "event loop."))


class PaintProbe(QObject):
    """Notes when each watched widget has been painted, to time up to the paint itself."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.widgets = set(widgets)
        self.painted: set[QObject] = set()
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted.add(watched)
        return False

    def reset(self) -> None:
        self.painted.clear()

    def wait(self, seconds: float = 30.0) -> None:
        """Run the event loop until every watched widget has painted."""
        deadline = time.perf_counter() + seconds
        while not self.widgets <= self.painted:
            QApplication.processEvents()
            assert time.perf_counter() < deadline, "the view was never painted"


def _open_client(qtbot: QtBot, view: TimelineView, client: uuid.UUID, runs: int
                 ) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    """Wall ms, process CPU ms and GUI-thread CPU ms from ``show_client`` to painted."""
    probe = PaintProbe(view.strip.viewport(), view.charts.viewport(),
                       view.recurrence.view.viewport())
    walls, cpus, gui = [], [], []
    for run in range(runs + 1):  # the first run warms up
        QApplication.processEvents()  # nothing left over from the run before
        wall, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
        with qtbot.waitSignal(view.loaded, timeout=30_000):
            view.show_client(client)
        probe.reset()  # paints from before the answer (the "Loading…" label) do not count
        probe.wait()
        if run:
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            gui.append((time.thread_time() - thread) * 1000)
    return tuple(walls), tuple(cpus), tuple(gui)
