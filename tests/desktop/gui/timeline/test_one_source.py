"""One source of truth: for random clients, what the view's panels display is what
``threadline timeline --format json`` prints (``db.analytics.report.client_json`` over the
same ``AnalyticsService.client`` call)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from db.analytics.report import client_json
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.timeline.models import percent
from desktop.gui.timeline.view import TimelineView
from tests.db.analytics_fixtures import Fixture

THEMES = ["dmrs.humor", "dmrs.denial", "dmrs.undoing", "dmrs.acting_out", "dmrs.repression",
          "prq.angry_entitled", "prq.secure_engaged", "ctq.positive", "ctq.disengaged",
          "process.resistance"]
WISHES = ["ccrt.w.be_loved", "ccrt.w.be_close", None]
OTHERS = ["ccrt.ro.rejecting", "ccrt.ro.understanding", None]

marks = st.lists(st.tuples(st.integers(0, 7), st.sampled_from(THEMES), st.integers(1, 3),
                           st.booleans()), max_size=25)
episodes = st.lists(st.tuples(st.integers(0, 7), st.sampled_from(WISHES),
                              st.sampled_from(OTHERS), st.booleans()), max_size=6)
attendance = st.lists(st.sampled_from(["attended", "attended", "cancelled", "no_show"]),
                      min_size=8, max_size=8)


def _client(vault: Vault, marked: list[tuple[int, str, int, bool]],
            told: list[tuple[int, str | None, str | None, bool]], seen: list[str]
            ) -> uuid.UUID:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client(f"PT-{uuid.uuid4().hex[:8]}")
        ids = [f.session_on(client, n + 1, date(2025, 1, 6) + timedelta(days=7 * n), seen[n])
               for n in range(8)]
        for index, theme, intensity, on_passage in marked:
            f.mark(ids[index], theme, intensity,
                   passage=(index * 10, "a passage of the note") if on_passage else None)
        for index, wish, ro, therapist in told:
            f.episode(ids[index], wish, ro, None,
                      other_kind="therapist" if therapist else "other")
    return client


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marked=marks, told=episodes, seen=attendance)
def test_every_panel_displays_what_the_json_prints(
        qtbot: QtBot, vault: Vault, services: Services,
        marked: list[tuple[int, str, int, bool]],
        told: list[tuple[int, str | None, str | None, bool]], seen: list[str]) -> None:
    client = _client(vault, marked, told, seen)
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    with qtbot.waitSignal(view.loaded):
        view.show_client(client)
    assert view.analytics is not None
    printed = client_json(services.analytics.client(client)[1])
    shown = client_json(view.analytics)
    assert shown == printed
    # The chart's points are the JSON's sessions with an ODF, with their n.
    spots = view.charts._odf.points()
    with_odf = [s for s in printed["sessions"] if s["odf"] is not None]
    assert [round(p.pos().y(), 4) for p in spots] == [s["odf"] for s in with_odf]
    assert [f"from {s['defenses']} defense" in p.data()
            for p, s in zip(spots, with_odf, strict=True)] == [True] * len(with_odf)
    # The recurrence table shows the JSON's rows.
    model = view.recurrence_model
    assert [(model.text(r, 0), model.text(r, 4)) for r in model.rows] == [
        (r["theme"], f"{r['sessions']} ({percent(r['share'])})")
        for r in printed["recurrence"]]
    # The profile tab: every level's share as the JSON gives it.
    view.tabs.setCurrentWidget(view.profile)
    profile = view.profile.profile_model
    assert [profile.text(r, 3) for r in profile.rows if r.theme is None] == [
        percent(lv["share"]) for lv in printed["profile"]["levels"]]
    # The CCRT tab: episodes and each theme's pervasiveness.
    view.tabs.setCurrentWidget(view.ccrt)
    ccrt = view.ccrt.ccrt_model
    listed = {(line.component, line.theme.name): percent(line.pervasiveness)
              for line in ccrt.rows}
    assert listed == {(c, t["theme"]): percent(t["pervasiveness"])
                      for c, themes in printed["ccrt"]["overall"]["components"].items()
                      for t in themes}
    view.close()
    view.deleteLater()
