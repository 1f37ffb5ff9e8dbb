"""ODF, shares, rolling mean, recurrence and co-occurrence against hand-computed cases."""

from __future__ import annotations

import uuid

import pytest

from db.analytics.cooccurrence import co_occurrence
from db.analytics.defenses import (
    defense_category,
    defensive_functioning,
    overall_odf,
)
from db.analytics.dto import TimelineFilter
from db.analytics.grid import apply_filter
from db.analytics.recurrence import gaps, longest_run, recurrence
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def _client(vault: Vault, sessions: int, marks: list[tuple[int, str, int]]) -> uuid.UUID:
    """A client with ``sessions`` weekly sessions and (session number, theme, intensity)."""
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client(f"HC-{uuid.uuid4().hex[:6]}")
        ids = f.sessions(client, sessions)
        for number, theme, intensity in marks:
            f.mark(ids[number - 1], theme, intensity)
    return client


def test_odf_is_the_mean_level_of_the_defenses_marked_and_none_without_defenses(
        vault: Vault, services: Services) -> None:
    client = _client(vault, 3, [
        (1, "dmrs.repression", 2), (1, "dmrs.humor", 1), (1, "dmrs.acting_out", 3),
        (2, "prq.secure_engaged", 3),
        (3, "dmrs.intellectualization", 2), (3, "dmrs.intellectualization", 3),
    ])
    points = defensive_functioning(services.analytics.timeline(client), window=3)
    # Session 1: levels 5, 7 and 1, one defense each: (5 + 7 + 1) / 3.
    assert points[0].odf == pytest.approx(13 / 3)
    assert (points[0].mature, points[0].neurotic, points[0].immature) == pytest.approx(
        (1 / 3, 1 / 3, 1 / 3))
    assert points[0].defenses == 3
    # Session 2 has no defense marked: not enough data, never 0.
    assert (points[1].odf, points[1].mature, points[1].defenses) == (None, None, 0)
    # Session 3: one defense marked twice is one defense observed; level 6.
    assert (points[2].odf, points[2].defenses) == (pytest.approx(6.0), 1)
    assert points[2].neurotic == pytest.approx(1.0)
    # The rolling value pools the defenses of its window (3 sessions here), not the
    # session means: session 3 pools 5, 7, 1 (session 1) and 6 (session 3) = 19 / 4,
    # where a mean of means would say (13/3 + 6) / 2 = 5.17.
    assert [p.rolling_odf for p in points] == pytest.approx([13 / 3, 13 / 3, 19 / 4])
    assert [p.rolling_defenses for p in points] == [3, 3, 4]
    # All sessions together: four (session, defense) pairs, levels 5, 7, 1 and 6.
    assert overall_odf(services.analytics.timeline(client)) == pytest.approx(19 / 4)


def test_intensity_and_passages_do_not_weight_the_odf(vault: Vault, services: Services
                                                      ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("HC-WEIGHT")
        first, second = f.sessions(client, 2)
        f.mark(first, "dmrs.humor", 3)  # level 7, dominant, on the session and a passage
        f.mark(first, "dmrs.humor", 3, passage=(0, "a joke about the chair"))
        f.mark(first, "dmrs.acting_out", 1)  # level 1, hinted
        f.mark(second, "dmrs.humor", 1)
        f.mark(second, "dmrs.acting_out", 3)
        f.mark(second, "dmrs.acting_out", 2, passage=(5, "left the room"))
        f.mark(second, "dmrs.acting_out", 2, passage=(30, "slammed the door"))
    points = defensive_functioning(services.analytics.timeline(client))
    # Both sessions: humor and acting out observed once each, (7 + 1) / 2 = 4.
    assert [p.odf for p in points] == [4.0, 4.0]
    assert [(p.mature, p.immature) for p in points] == [(0.5, 0.5), (0.5, 0.5)]


def test_no_defenses_at_all_gives_no_odf_anywhere(vault: Vault, services: Services) -> None:
    client = _client(vault, 2, [(1, "ctq.positive", 2)])
    timeline = services.analytics.timeline(client)
    assert [p.odf for p in defensive_functioning(timeline)] == [None, None]
    assert [p.rolling_odf for p in defensive_functioning(timeline)] == [None, None]
    assert overall_odf(timeline) is None


def test_a_single_session(vault: Vault, services: Services) -> None:
    client = _client(vault, 1, [(1, "dmrs.splitting_of_others_image", 1)])
    timeline = services.analytics.timeline(client)
    (point,) = defensive_functioning(timeline)
    assert (point.odf, point.rolling_odf, point.immature) == (2.0, 2.0, 1.0)
    (row,) = recurrence(timeline)
    assert (row.first_number, row.last_number, row.sessions, row.longest_run,
            row.longest_gap, row.reemergences, row.share) == (1, 1, 1, 1, 0, (), 1.0)


def test_rolling_value_pools_the_window_and_skips_sessions_without_data(
        vault: Vault, services: Services) -> None:
    client = _client(vault, 7, [(2, "dmrs.repression", 2), (4, "dmrs.humor", 1),
                                (4, "dmrs.acting_out", 1), (4, "dmrs.undoing", 1)])
    points = defensive_functioning(services.analytics.timeline(client), window=3)
    # Window of 3: s1 nothing; s2..s3 pool repression (5); s4 pools s2-s4 = 5, 7, 1, 6
    # -> 19/4; s5 and s6 still hold s4 = (7 + 1 + 6) / 3 = 14/3; s7 holds none.
    assert [p.rolling_odf for p in points] == [
        None, 5.0, 5.0, pytest.approx(19 / 4), pytest.approx(14 / 3),
        pytest.approx(14 / 3), None]
    assert [p.rolling_defenses for p in points] == [0, 1, 1, 4, 3, 3, 0]
    with pytest.raises(ValueError, match="at least one"):
        defensive_functioning(services.analytics.timeline(client), window=0)


def test_defense_categories_follow_the_dmrs() -> None:
    assert [defense_category(level) for level in range(1, 8)] == [
        "immature"] * 4 + ["neurotic"] * 2 + ["mature"]


def test_recurrence_counts_runs_gaps_and_reemergences(vault: Vault, services: Services
                                                      ) -> None:
    client = _client(vault, 15, [(n, "process.resistance", 2) for n in (1, 2, 3, 7, 8, 15)]
                     + [(4, "process.interpretation", 1)])
    timeline = services.analytics.timeline(client)
    rows = {r.name: r for r in recurrence(timeline)}
    row = rows["Resistance"]
    assert (row.first_number, row.last_number, row.sessions) == (1, 15, 6)
    assert (row.longest_run, row.longest_gap) == (3, 6)
    assert row.share == pytest.approx(6 / 15)
    assert [(r.number, r.after_sessions) for r in row.reemergences] == [(15, 6)]
    assert row.latest_reemergence is not None
    assert row.latest_reemergence.date == timeline.sessions[14].date
    again = {r.name: r for r in recurrence(timeline, reemergence_gap=3)}["Resistance"]
    assert [(r.number, r.after_sessions) for r in again.reemergences] == [(7, 3), (15, 6)]
    assert rows["Interpretation"].longest_gap == 0


def test_runs_and_gaps_of_plain_column_lists() -> None:
    assert longest_run(()) == 0
    assert longest_run((0, 2, 3, 4, 9, 10)) == 3
    assert gaps((0, 2, 3, 9)) == [1, 0, 5]


def test_co_occurrence_counts_sessions_where_both_categories_are_marked(
        vault: Vault, services: Services) -> None:
    client = _client(vault, 5, [
        (1, "prq.angry_entitled", 2), (1, "ctq.criticized_mistreated", 3),
        (2, "prq.angry_entitled", 1), (2, "ctq.helpless_inadequate", 2),
        (2, "ctq.criticized_mistreated", 1),
        (3, "prq.secure_engaged", 2),
        (4, "ctq.positive", 2),
        (5, "prq.secure_engaged", 2), (5, "ctq.positive", 1),
    ])
    matrix = co_occurrence(services.analytics.timeline(client))
    assert (matrix.row_category, matrix.column_category) == (
        "Transference (PRQ)", "Countertransference (CTQ)")
    assert [t.name for t in matrix.rows] == ["Angry/entitled", "Secure/engaged"]
    assert [t.name for t in matrix.columns] == [
        "Criticized/mistreated", "Helpless/inadequate", "Positive"]
    assert matrix.counts == ((2, 1, 0), (0, 0, 1))
    assert matrix.sessions == 3


def test_co_occurrence_of_any_two_categories_and_of_nothing(
        vault: Vault, services: Services) -> None:
    client = _client(vault, 2, [(1, "dmrs.humor", 2), (1, "process.interpretation", 1),
                                (2, "dmrs.humor", 1)])
    timeline = services.analytics.timeline(client)
    matrix = co_occurrence(timeline, timeline.groups[0].category_id, "process")
    assert (matrix.counts, matrix.sessions) == (((1,),), 1)
    empty = co_occurrence(timeline)
    assert (empty.rows, empty.columns, empty.counts, empty.sessions) == ((), (), (), 0)


def test_archived_defenses_leave_the_odf_unless_included(vault: Vault, services: Services
                                                          ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("HC-ARCH")
        (s1,) = f.sessions(client, 1)
        f.mark(s1, "dmrs.humor", 2)
        f.mark(s1, "dmrs.denial", 2)
        f.archive("dmrs.denial")
    timeline = services.analytics.timeline(client)
    assert defensive_functioning(apply_filter(timeline, TimelineFilter()))[0].odf == 7.0
    included = apply_filter(timeline, TimelineFilter(include_archived=True))
    assert defensive_functioning(included)[0].odf == 5.0


def test_co_occurrence_beside_chance_and_with_a_lag_of_one_session(
        vault: Vault, services: Services) -> None:
    client = _client(vault, 4, [
        (1, "prq.angry_entitled", 2), (1, "ctq.criticized_mistreated", 2),
        (2, "prq.angry_entitled", 2), (2, "ctq.positive", 1),
        (3, "prq.secure_engaged", 2), (3, "ctq.positive", 2),
        (4, "prq.angry_entitled", 1), (4, "ctq.criticized_mistreated", 3),
    ])
    timeline = apply_filter(services.analytics.timeline(client), TimelineFilter())
    matrix = co_occurrence(timeline)
    rows = [t.name for t in matrix.rows]
    columns = [t.name for t in matrix.columns]
    angry, criticized = rows.index("Angry/entitled"), columns.index("Criticized/mistreated")
    # All 4 sessions hold both categories. Angry in 3 of them, criticized in 2:
    # chance expects 3 × 2 / 4 = 1.5; observed 2 (sessions 1 and 4); lift 2 / 1.5.
    assert matrix.sessions == 4
    assert matrix.counts[angry][criticized] == 2
    assert matrix.expected[angry][criticized] == pytest.approx(1.5)
    assert matrix.lift(angry, criticized) == pytest.approx(4 / 3)
    lagged = co_occurrence(timeline, lag=1)
    angry, positive = ([t.name for t in lagged.rows].index("Angry/entitled"),
                       [t.name for t in lagged.columns].index("Positive"))
    # Pairs (t, t + 1): (1, 2), (2, 3), (3, 4) all have PRQ at t and CTQ at t + 1 = 3.
    # Angry at t in pairs 1 and 2, positive at t + 1 in pairs 1 and 2 (sessions 2, 3):
    # observed 2, expected 2 × 2 / 3.
    assert lagged.sessions == 3
    assert lagged.counts[angry][positive] == 2
    assert lagged.expected[angry][positive] == pytest.approx(4 / 3)
    with pytest.raises(ValueError, match="next one"):
        co_occurrence(timeline, lag=2)
