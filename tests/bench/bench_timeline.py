"""Opening a long treatment in the timeline: 1,000 sessions, 60 themes in use.

Measures the analytics service (the grid and every panel, one read of the vault), the
painting of the view, the whole "open a client" path, and one zoom step of the heat strip.
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
COMMAND = "make bench (tests/bench/bench_timeline.py)"


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


def cpu_timed(fn: Callable[[], object], runs: int) -> tuple[float, ...]:
    """CPU time of this process per run (ms): steadier than wall time on a shared machine."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        samples.append((time.process_time() - start) * 1000)
    return tuple(samples)


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

        service = timed(lambda: services.analytics.client(client), RUNS)
        floor = timed(raw_marks_fetch(vault, client), RUNS)
        marks = raw_marks_fetch(vault, client)()
        assert isinstance(marks, list)
        assert len(marks) == sum(len(r.cells) for r in full.rows)  # one mark per cell here

        view = TimelineView(services)
        qtbot.addWidget(view)
        view.resize(1600, 950)
        view.show()
        qtbot.waitExposed(view)

        def open_client() -> None:
            view.show_client(client)
            view.grab()  # a full, synchronous paint of everything visible

        whole = timed(open_client, RUNS)
        whole_cpu = cpu_timed(open_client, RUNS)
        paint = timed(lambda: (view.strip.set_timeline(analytics.grid),
                               view.charts.set_points(analytics.defenses, view.strip.scale_x),
                               view.grab()), RUNS)
        box = view.strip.getPlotItem().getViewBox()
        steps = iter(range(10_000))

        def zoom() -> None:
            n = next(steps) % 50
            box.setXRange(n * 10, n * 10 + 200, padding=0)
            view.strip.grab()

        zoom_frames = timed(zoom, RUNS * 3)
    finally:
        vault.close()
    load = os.getloadavg()[0]
    note = (f"{SESSIONS:,} weekly sessions, {THEMES} themes in use, "
            f"{sum(len(r.cells) for r in full.rows):,} marked cells; offscreen Qt, "
            f"view 1600 × 950; machine load average {load:.1f} on {os.cpu_count()} cores "
            "while measuring (wall times grow with it, CPU time much less).")
    bench.record(Figure(
        section="Timeline", name="open a 1,000-session client (service + paint)", unit="ms",
        samples=whole, max_value=150, target="≤ 150 ms", command=COMMAND,
        note=note + " Everything `TimelineView.show_client` does, then a full grab()."))
    bench.record(Figure(
        section="Timeline", name="open a 1,000-session client, CPU time of the process",
        unit="ms", samples=whole_cpu, max_value=150, target="≤ 150 ms", command=COMMAND,
        note="The same path measured with time.process_time(), which other processes on a "
        "busy machine do not inflate."))
    bench.record(Figure(
        section="Timeline", name="analytics service: grid + ODF + CCRT + recurrence + "
        "co-occurrence", unit="ms", samples=service, floor_name="bare SQL fetch of the marks",
        floor_samples=floor, command=COMMAND,
        note="`AnalyticsService.client` (sessions, marks, taxonomy and episodes in one read "
        "unit of work), against the marks query run on the bare DB-API cursor."))
    bench.record(Figure(
        section="Timeline", name="paint: heat strip image + charts + full grab()", unit="ms",
        samples=paint, command=COMMAND))
    bench.record(Figure(
        section="Timeline", name="zoom/pan step of the heat strip (one frame)", unit="ms",
        samples=zoom_frames, max_value=33, target="≤ 33 ms (30 frames/s)", command=COMMAND))
