"""The services' bulk variants: the same checks as one at a time, all or nothing."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from db.errors import NoteFinalized, ValidationError
from db.services.dto import ClientInput, SessionInput
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.services.marks import MarkInput
from tests.db.themes_helpers import theme_id


@pytest.fixture
def client_id(services: Services) -> uuid.UUID:
    return services.clients.create(ClientInput(code="HERON")).value.id


def _sessions(services: Services, client_id: uuid.UUID, count: int) -> list[uuid.UUID]:
    items = [SessionInput(date=date(2026, 3, 2 + i)) for i in range(count)]
    return [s.id for s in services.sessions.create_many(client_id, items).value]


def test_create_many_numbers_in_order(services: Services, client_id: uuid.UUID) -> None:
    services.sessions.create(client_id, SessionInput(date=date(2026, 3, 1)))
    outcome = services.sessions.create_many(
        client_id, [SessionInput(date=date(2026, 3, 8)), SessionInput(date=date(2026, 3, 15))])
    assert [s.number for s in outcome.value] == [2, 3]
    assert outcome.changed.sessions == {s.id for s in outcome.value}


@pytest.mark.parametrize("bad", [SessionInput(date=date(2026, 3, 9), duration_minutes=9999),
                                 SessionInput(date=date(2026, 3, 9), number=1)])
def test_create_many_is_all_or_nothing(services: Services, client_id: uuid.UUID,
                                       bad: SessionInput) -> None:
    with pytest.raises(ValidationError):
        services.sessions.create_many(client_id, [SessionInput(date=date(2026, 3, 2)), bad])
    assert services.sessions.list_for_client(client_id) == []


def test_save_many_keeps_the_revision_policy(services: Services,
                                             client_id: uuid.UUID) -> None:
    first, second = _sessions(services, client_id, 2)
    services.notes.save_many([(first, "process", "Came early."),
                              (first, "progress", "Stable."),
                              (second, "process", "Silent at first.")])
    assert services.notes.load(first).process_note == "Came early."
    assert services.notes.load(first).progress_note == "Stable."
    assert [r.reason for r in services.notes.revisions(second, "process")] == ["manual"]


def test_save_many_refuses_a_note_twice_and_finalized_notes(services: Services,
                                                            client_id: uuid.UUID) -> None:
    first, second = _sessions(services, client_id, 2)
    with pytest.raises(ValueError, match="at most once"):
        services.notes.save_many([(first, "process", "a"), (first, "process", "b")])
    services.notes.finalize(second)
    with pytest.raises(NoteFinalized):
        services.notes.save_many([(first, "process", "kept?"), (second, "process", "late")])
    assert services.notes.load(first).process_note == ""


def test_finalize_many_audits_each_session(services: Services, client_id: uuid.UUID) -> None:
    ids = _sessions(services, client_id, 3)
    services.notes.save_many([(sid, "process", f"Note {i}.") for i, sid in enumerate(ids)])
    services.notes.finalize_many(ids)
    assert all(services.sessions.get(sid).finalized_at for sid in ids)
    finalize_events = [e for e in services.audit.events() if e.action == "finalize"]
    assert sorted(e.entity_id for e in finalize_events) == sorted(str(s) for s in ids)
    assert services.audit.verify_chain() is None
    assert [r.reason for r in services.notes.revisions(ids[0], "process")] == ["manual"]
    with pytest.raises(NoteFinalized):
        services.notes.finalize_many(ids[:1])


def test_marks_add_many_is_all_or_nothing(services: Services, client_id: uuid.UUID) -> None:
    (sid,) = _sessions(services, client_id, 1)
    humor, projection = theme_id(services, "dmrs.humor"), theme_id(services, "dmrs.projection")
    assert services.marks.add_many([(sid, MarkInput(humor, 2)),
                                    (sid, MarkInput(projection, 3))]).value == 2
    services.themes.archive(projection)
    with pytest.raises(ValidationError):
        services.marks.add_many([(sid, MarkInput(humor, 1)), (sid, MarkInput(projection, 1))])
    assert len(services.marks.list_for_session(sid)) == 2


def test_marks_on_finalized_notes_are_audited_in_bulk_too(services: Services,
                                                          client_id: uuid.UUID) -> None:
    (sid,) = _sessions(services, client_id, 1)
    services.notes.finalize(sid)
    services.marks.add_many([(sid, MarkInput(theme_id(services, "dmrs.humor"), 2))])
    assert [e.action for e in services.audit.events()].count("mark_finalized") == 1
    assert services.audit.verify_chain() is None


def test_episodes_add_many_checks_components(services: Services, client_id: uuid.UUID) -> None:
    (sid,) = _sessions(services, client_id, 1)
    wish = theme_id(services, "ccrt.w.be_close")
    good = EpisodeInput("mother", "mother", wish_theme_id=wish)
    wrong = EpisodeInput("father", "father", response_of_self_theme_id=wish)
    assert services.episodes.add_many([(sid, good)]).value == 1
    with pytest.raises(ValidationError):
        services.episodes.add_many([(sid, good), (sid, wrong)])
    assert len(services.episodes.list_for_session(sid)) == 1
