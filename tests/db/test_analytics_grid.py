"""The timeline grid: which rows and columns, the combined intensity, archived and merged."""

from __future__ import annotations

from datetime import date

import pytest

from db.analytics.dto import RowOrder, TimelineFilter
from db.analytics.grid import apply_filter, preview
from db.errors import NotFound
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.analytics_fixtures import Fixture


def test_cells_combine_session_and_passage_marks_by_their_highest_intensity(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-01")
        s1, s2 = f.sessions(client, 2)
        f.mark(s1, "dmrs.humor", 1)
        f.mark(s1, "dmrs.humor", 3, passage=(120, "She laughed about the lost keys again"))
        f.mark(s1, "dmrs.humor", 2, passage=(10, "a joke about the waiting room " * 3))
        f.mark(s2, "dmrs.humor", 2)
    timeline = services.analytics.timeline(client)
    (row,) = timeline.rows
    first, second = row.cells
    assert (first.column, first.intensity, first.passage_marks) == (0, 3, 2)
    assert first.passage_preview == "a joke about the waiting room a joke about the…"
    assert first.passage_start == 10
    assert (second.column, second.intensity, second.passage_marks, second.passage_preview) == (
        1, 2, 0, "")


def test_a_passage_whose_words_were_deleted_counts_as_a_session_mark(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-02")
        (s1,) = f.sessions(client, 1)
        f.mark(s1, "prq.secure_engaged", 2, passage=(5, "gone words"), lost=True)
    (cell,) = services.analytics.timeline(client).rows[0].cells
    assert (cell.passage_marks, cell.passage_preview) == (0, "")


def test_columns_are_attended_sessions_in_number_order(vault: Vault, services: Services
                                                        ) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-03")
        ids = f.sessions(client, 4, attendance={2: "cancelled", 3: "no_show"})
        f.mark(ids[3], "ctq.positive", 1)
    timeline = services.analytics.timeline(client)
    assert [c.number for c in timeline.sessions] == [1, 4]
    assert timeline.rows[0].cells[0].column == 1


def test_rows_group_by_top_level_category_then_first_appearance_or_frequency(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-04")
        s1, s2, s3 = f.sessions(client, 3)
        f.mark(s1, "ctq.positive")
        f.mark(s2, "dmrs.denial")
        f.mark(s3, "dmrs.humor")
        f.mark(s2, "dmrs.humor")
        f.mark(s1, "dmrs.acting_out")
        f.mark(s3, "prq.sexualized")
    by_appearance = services.analytics.timeline(client)
    assert [g.key for g in by_appearance.groups] == ["dmrs", "prq", "ctq"]
    assert [r.key for r in by_appearance.rows] == [
        "dmrs.acting_out", "dmrs.humor", "dmrs.denial", "prq.sexualized", "ctq.positive"]
    assert by_appearance.groups[0].rows == (0, 1, 2)
    assert by_appearance.rows[0].group_name == "Defenses (DMRS)"
    assert by_appearance.rows[0].category_name == "Action"
    by_frequency = services.analytics.timeline(client, RowOrder.FREQUENCY)
    assert [r.key for r in by_frequency.rows][:3] == [
        "dmrs.humor", "dmrs.acting_out", "dmrs.denial"]


def test_merged_themes_count_as_their_target(vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-05")
        s1, s2 = f.sessions(client, 2)
        f.mark(s1, "dmrs.denial", 1)
        f.mark(s1, "dmrs.projection", 3)
        f.mark(s2, "dmrs.denial", 2)
        f.merge("dmrs.denial", "dmrs.projection")
    timeline = services.analytics.timeline(client)
    (row,) = apply_filter(timeline, TimelineFilter()).rows
    assert row.key == "dmrs.projection"
    assert [(c.column, c.intensity) for c in row.cells] == [(0, 3), (1, 2)]


def test_archived_themes_show_only_when_asked(vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-06")
        (s1,) = f.sessions(client, 1)
        f.mark(s1, "process.resistance")
        f.mark(s1, "process.interpretation")
        f.archive("process.resistance")
    timeline = services.analytics.timeline(client)
    assert {r.key for r in timeline.rows} == {"process.resistance", "process.interpretation"}
    assert [r.key for r in apply_filter(timeline, TimelineFilter()).rows] == [
        "process.interpretation"]
    shown = apply_filter(timeline, TimelineFilter(include_archived=True))
    assert {r.key for r in shown.rows} == {"process.resistance", "process.interpretation"}


def test_filters_narrow_dates_categories_themes_and_intensity(
        vault: Vault, services: Services) -> None:
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("RB-07")
        s1, s2, s3 = f.sessions(client, 3, start=date(2025, 3, 3))
        f.mark(s1, "dmrs.humor", 1)
        f.mark(s2, "dmrs.humor", 3)
        f.mark(s3, "prq.angry_entitled", 2)
        f.mark(s3, "ctq.disengaged", 1)
    timeline = services.analytics.timeline(client)
    later = apply_filter(timeline, TimelineFilter(date_from=date(2025, 3, 10)))
    assert [c.number for c in later.sessions] == [2, 3]
    assert [(r.key, [c.column for c in r.cells]) for r in later.rows] == [
        ("dmrs.humor", [0]), ("prq.angry_entitled", [1]), ("ctq.disengaged", [1])]
    strong = apply_filter(timeline, TimelineFilter(min_intensity=2))
    assert [r.key for r in strong.rows] == ["dmrs.humor", "prq.angry_entitled"]
    prq = timeline.groups[1].category_id
    assert [r.key for r in apply_filter(timeline, TimelineFilter(categories=frozenset({prq})))
            .rows] == ["prq.angry_entitled"]
    humor = timeline.rows[0].theme_id
    only = apply_filter(timeline, TimelineFilter(themes=frozenset({humor})))
    assert [r.key for r in only.rows] == ["dmrs.humor"]
    assert only.groups[0].rows == (0,)
    scope = apply_filter(timeline, TimelineFilter(min_intensity=3, themes=frozenset({humor})),
                         rows_too=False)
    assert len(scope.rows) == 3


def test_a_client_without_sessions_has_an_empty_grid(vault: Vault, services: Services
                                                      ) -> None:
    with vault.database.write() as s:
        client = Fixture(s).client("RB-08")
    timeline = services.analytics.timeline(client)
    assert (timeline.sessions, timeline.rows, timeline.groups) == ((), (), ())


def test_an_unknown_client_is_not_found(services: Services) -> None:
    import uuid
    with pytest.raises(NotFound):
        services.analytics.timeline(uuid.uuid4())


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("  short  passage ", "short passage"),
    ("one two three four five six seven eight nine ten eleven",
     "one two three four five six seven eight nine ten…"),
])
def test_preview_keeps_the_first_words(text: str, expected: str) -> None:
    assert preview(text) == expected
