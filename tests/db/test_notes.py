"""Note service: saving, revisions, drafts, finalizing and addenda."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from db.errors import NoteFinalized, ValidationError
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault


@pytest.fixture
def session_id(services: Services) -> uuid.UUID:
    client = services.clients.create(ClientInput(code="FERN")).value
    return services.sessions.create(client.id, SessionInput(date=date(2026, 2, 3))).value.id


def test_save_and_load(services: Services, session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "Ela spoke about the move — ça va.")
    services.notes.save(session_id, "progress", "Attended; mood stable.")
    note = services.notes.load(session_id)
    assert note.process_note == "Ela spoke about the move — ça va."
    assert note.progress_note == "Attended; mood stable."


def test_explicit_saves_make_revisions_autosaves_are_throttled(
        services: Services, session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "one")           # first save: a revision
    services.notes.save(session_id, "process", "one two")       # autosave within 5 min: none
    services.notes.save(session_id, "process", "one two three", "manual")
    texts = [r.text for r in services.notes.revisions(session_id, "process")]
    assert texts == ["one two three", "one"]


def test_large_deletion_keeps_the_deleted_text(services: Services,
                                               session_id: uuid.UUID) -> None:
    long_text = "A long paragraph about the dream of the flooded house. " * 10
    services.notes.save(session_id, "process", "start")
    services.notes.save(session_id, "process", long_text)       # autosave: no revision due
    services.notes.save(session_id, "process", "short")          # deletes > 200 characters
    texts = [r.text for r in services.notes.revisions(session_id, "process")]
    assert long_text in texts


def test_drafts_survive_and_are_offered_back(services: Services,
                                             session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "saved text")
    services.notes.save_draft(session_id, "process", "saved text and unsaved words")
    pending = services.notes.pending_drafts()
    assert [(d.kind, d.text, d.client_code) for d in pending] == [
        ("process", "saved text and unsaved words", "FERN")]
    assert services.notes.load(session_id).drafts == {"process": "saved text and unsaved words"}
    services.notes.save(session_id, "process", "saved text and unsaved words", "recovered")
    assert services.notes.pending_drafts() == []


def test_draft_equal_to_saved_text_is_not_offered(services: Services,
                                                  session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "same")
    services.notes.save_draft(session_id, "process", "same")
    assert services.notes.pending_drafts() == []
    services.notes.save_draft(session_id, "process", "different")
    services.notes.discard_draft(session_id, "process")
    assert services.notes.pending_drafts() == []


def test_finalize_makes_note_read_only_and_allows_addenda(services: Services,
                                                          session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "Final words.")
    with pytest.raises(ValidationError, match="finalized notes"):
        services.notes.add_addendum(session_id, "too early")
    finalized = services.notes.finalize(session_id).value
    assert finalized.finalized_at is not None
    with pytest.raises(NoteFinalized):
        services.notes.save(session_id, "process", "Changed words.")
    with pytest.raises(NoteFinalized):
        services.notes.finalize(session_id)
    services.notes.add_addendum(session_id, "Phoned on Friday to reschedule.")
    with pytest.raises(ValidationError):
        services.notes.add_addendum(session_id, "   ")
    note = services.notes.load(session_id)
    assert note.process_note == "Final words."
    assert [a.text for a in note.addenda] == ["Phoned on Friday to reschedule."]
    actions = [e.action for e in services.audit.events()]
    assert actions[:2] == ["addendum", "finalize"]
    assert services.notes.revisions(session_id, "process")[0].text == "Final words."


def test_unknown_kind(services: Services, session_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError):
        services.notes.save(session_id, "diary", "x")


class SteppedClock:
    """A clock the test moves on by hand: the five minutes pass without waiting."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_autosave_takes_one_revision_every_five_minutes(vault: Vault) -> None:
    clock = SteppedClock(datetime(2026, 2, 3, 10, 0, tzinfo=UTC))
    services = Services.for_vault(vault, clock)
    client = services.clients.create(ClientInput(code="WREN")).value
    session_id = services.sessions.create(client.id, SessionInput(date(2026, 2, 3))).value.id
    text = "She arrived early"
    services.notes.save(session_id, "process", text)           # 10:00 the first: a revision
    for _ in range(9):                                         # 10:00:30 … 10:04:30: none
        clock.advance(seconds=30)
        text += " and waited"
        services.notes.save(session_id, "process", text)
    clock.advance(seconds=29)                                  # 10:04:59: still none
    services.notes.save(session_id, "process", text + ".")
    clock.advance(seconds=1)                                   # 10:05:00: due again
    services.notes.save(session_id, "process", text + "!")
    clock.advance(minutes=4)                                   # 10:09:00: none
    services.notes.save(session_id, "process", text + "?")
    revisions = services.notes.revisions(session_id, "process")
    assert [(r.saved_at, r.text[-1]) for r in revisions] == [
        (datetime(2026, 2, 3, 10, 5, tzinfo=UTC), "!"),
        (datetime(2026, 2, 3, 10, 0, tzinfo=UTC), "y"),
    ]
    clock.advance(minutes=1)                                   # 10:10:00: due again
    services.notes.save(session_id, "process", text + "…")
    assert len(services.notes.revisions(session_id, "process")) == 3
    assert services.notes.finalize(session_id).value.finalized_at == clock.now
