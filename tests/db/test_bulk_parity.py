"""The bulk variants write what the single-item services write, item for item.

Each test does the same things twice, on two sessions of the same client: once through
the single-item service, once through its bulk variant, and compares what a clinician
sees (notes, revisions, drafts, marks, episodes, audit events, search results).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from db.errors import ValidationError
from db.services.dto import ClientInput, SessionInput
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.vault.vault import Vault
from tests.db.search.index_check import assert_index_matches_sources, caught_up
from tests.db.test_marks import NOTE, passage
from tests.db.themes_helpers import theme_id

LONG = "She spoke at length about the flooded cellar of her childhood house. " * 5


@pytest.fixture
def client_id(services: Services) -> uuid.UUID:
    return services.clients.create(ClientInput(code="PLOVER")).value.id


@pytest.fixture
def pair(services: Services, client_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    """Two sessions: the first written one item at a time, the second in bulk."""
    one, many = services.sessions.create_many(
        client_id, [SessionInput(date=date(2026, 4, 1)), SessionInput(date=date(2026, 4, 8))]
    ).value
    return one.id, many.id


def _revisions(services: Services, session_id: uuid.UUID) -> list[tuple[str, str, str]]:
    return [(r.kind, r.reason, r.text) for kind in ("process", "progress")
            for r in services.notes.revisions(session_id, kind)]


def test_create_many_numbers_as_create_does_one_by_one(services: Services,
                                                       client_id: uuid.UUID) -> None:
    other = services.clients.create(ClientInput(code="AVOCET")).value.id
    items = [SessionInput(date=date(2026, 5, d), number=n)
             for d, n in ((4, 5), (11, None), (18, 3), (25, None))]
    for owner in (client_id, other):
        services.sessions.create(owner, SessionInput(date=date(2026, 5, 1)))
    made = services.sessions.create_many(client_id, items).value
    for data in items:
        services.sessions.create(other, data)
    assert [s.number for s in made] == [5, 6, 3, 7]
    assert sorted(s.number for s in services.sessions.list_for_client(other)) == [1, 3, 5, 6, 7]
    assert made == [services.sessions.get(s.id) for s in made]


def test_create_many_refuses_a_number_twice_in_one_call(services: Services,
                                                        client_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError, match="already has a session number 2"):
        services.sessions.create_many(client_id, [
            SessionInput(date=date(2026, 5, 4), number=2),
            SessionInput(date=date(2026, 5, 11), number=2)])
    assert services.sessions.list_for_client(client_id) == []


STEPS = [
    ("process", "First words.", "manual"),        # first save: a revision
    ("process", LONG, "autosave"),                # autosave within five minutes: none
    ("process", "Short again.", "autosave"),      # a large deletion: the long text is kept
    ("process", "Short again.", "close"),         # unchanged, but closing snapshots it
    ("process", "Short again.", "manual"),        # unchanged and already snapshotted: none
    ("progress", "Attended.", "recovered"),
]


def test_save_many_follows_the_revision_policy_of_save(
        services: Services, pair: tuple[uuid.UUID, uuid.UUID]) -> None:
    one, many = pair
    for kind, text, reason in STEPS:
        services.notes.save(one, kind, text, reason)
        services.notes.save_many([(many, kind, text)], reason=reason)
        assert _revisions(services, many) == _revisions(services, one)
        assert services.notes.load(many).process_note == services.notes.load(one).process_note
        assert services.notes.load(many).progress_note == services.notes.load(
            one).progress_note
    assert [r.reason for r in services.notes.revisions(many, "process")] == [
        "close", "before-deletion", "manual"]


def test_save_many_drops_only_the_drafts_of_the_notes_it_saves(
        services: Services, pair: tuple[uuid.UUID, uuid.UUID]) -> None:
    one, many = pair
    for session_id in pair:
        services.notes.save_draft(session_id, "process", "typed, not saved")
        services.notes.save_draft(session_id, "progress", "typed too")
    services.notes.save(one, "process", "Saved.", "manual")
    services.notes.save_many([(many, "process", "Saved.")])
    left = {(d.session_id, d.kind) for d in services.notes.pending_drafts()}
    assert left == {(one, "progress"), (many, "progress")}


def test_finalize_many_seals_as_finalize_does(services: Services,
                                              pair: tuple[uuid.UUID, uuid.UUID]) -> None:
    one, many = pair
    for session_id in pair:
        services.notes.save(session_id, "process", "Came early.")          # snapshotted
        services.notes.save(session_id, "process", "Came early, left late.")  # not yet
        services.notes.save(session_id, "progress", "Stable.", "manual")
        services.notes.save_draft(session_id, "process", "an unsaved afterthought")
    services.notes.finalize(one)
    services.notes.finalize_many([many])
    assert _revisions(services, many) == _revisions(services, one)
    assert [r.reason for r in services.notes.revisions(many, "process")] == [
        "finalize", "autosave"]
    assert services.notes.pending_drafts() == []
    finalized = [e.entity_id for e in services.audit.events() if e.action == "finalize"]
    assert sorted(finalized) == sorted([str(one), str(many)])


def _marks(services: Services, session_id: uuid.UUID) -> list[tuple[Any, ...]]:
    return [(m.theme_key, m.intensity, m.comment, m.passage.anchor, m.passage.quote)
            for m in services.marks.list_for_session(session_id)]


def _with_notes(services: Services, pair: tuple[uuid.UUID, uuid.UUID],
                finalized: bool) -> tuple[uuid.UUID, uuid.UUID]:
    """Both sessions of ``pair`` with the same saved (and, if asked, finalized) note."""
    for session_id in pair:
        services.notes.save(session_id, "process", NOTE, "manual")
        if finalized:
            services.notes.finalize(session_id)
    return pair


def _mark_inputs(services: Services) -> list[MarkInput]:
    return [MarkInput(theme_id(services, "prq.secure_engaged"), 1),
            MarkInput(theme_id(services, "dmrs.humor"), 3, "  Jokes about being a burden. ",
                      passage("joked that I would be glad")),
            MarkInput(theme_id(services, "dmrs.humor"), 2, "", passage("went quiet")),
            MarkInput(theme_id(services, "dmrs.projection"), 2)]


@pytest.mark.parametrize("finalized", [False, True])
def test_marks_add_many_stores_what_add_stores(services: Services,
                                               pair: tuple[uuid.UUID, uuid.UUID],
                                               finalized: bool) -> None:
    one, many = _with_notes(services, pair, finalized)
    for data in _mark_inputs(services):
        services.marks.add(one, data)
    outcome = services.marks.add_many([(many, data) for data in _mark_inputs(services)])
    assert outcome.value == 4
    assert outcome.changed.sessions == {many}
    assert _marks(services, many) == _marks(services, one)
    audited = [e for e in services.audit.events() if e.action == "mark_finalized"]
    assert len(audited) == (8 if finalized else 0)
    assert services.audit.verify_chain() is None


def _episode_inputs(services: Services) -> list[EpisodeInput]:
    return [EpisodeInput("", "therapist", theme_id(services, "ccrt.w.be_loved"),
                         theme_id(services, "ccrt.ro.rejecting"),
                         theme_id(services, "ccrt.rs.disappointed"),
                         "  Expects me to be glad she is gone. ",
                         passage("joked that I would be glad to be rid of her")),
            EpisodeInput("her  mother", "mother")]


@pytest.mark.parametrize("finalized", [False, True])
def test_episodes_add_many_stores_what_add_stores(services: Services,
                                                  pair: tuple[uuid.UUID, uuid.UUID],
                                                  finalized: bool) -> None:
    one, many = _with_notes(services, pair, finalized)
    for data in _episode_inputs(services):
        services.episodes.add(one, data)
    services.episodes.add_many([(many, data) for data in _episode_inputs(services)])

    def seen(session_id: uuid.UUID) -> list[tuple[Any, ...]]:
        return [(e.other_person, e.other_kind, e.wish, e.response_of_other,
                 e.response_of_self, e.narrative, e.passage.anchor)
                for e in services.episodes.list_for_session(session_id)]

    assert seen(many) == seen(one)
    audited = [e for e in services.audit.events() if e.action == "episode_finalized"]
    assert len(audited) == (4 if finalized else 0)
    assert services.audit.verify_chain() is None


def test_bulk_writes_keep_the_search_index_in_step(services: Services, vault: Vault,
                                                   client_id: uuid.UUID) -> None:
    sessions = [s.id for s in services.sessions.create_many(
        client_id, [SessionInput(date=date(2026, 1, 1 + d)) for d in range(30)]).value]
    services.notes.save_many([(sid, kind, f"{kind} note {n}: the heron by the weir")
                              for n, sid in enumerate(sessions)
                              for kind in ("process", "progress")])
    humor = theme_id(services, "dmrs.humor")
    services.marks.add_many([(sid, MarkInput(humor, 2, "kingfisher" if n % 2 else ""))
                             for n, sid in enumerate(sessions)])
    services.episodes.add_many([(sid, EpisodeInput("her sister", "sibling", narrative="egret"))
                                for sid in sessions[:5]])
    # Rewritten out of the order the sessions were made in: still indexed correctly.
    services.notes.save_many([(sid, "process", "only the curlew now")
                              for sid in reversed(sessions[10:])])
    services.notes.finalize_many(sessions)
    assert_index_matches_sources(vault)
    assert len(caught_up(services).search.search("curlew", limit=50).hits) == 20
    assert len(caught_up(services).search.search("heron", limit=100).hits) == 40
    assert len(caught_up(services).search.search("kingfisher", limit=50).hits) == 15
    assert len(caught_up(services).search.search("egret", limit=50).hits) == 5
