"""Note service: saving, revisions, drafts, finalizing and addenda."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from db.errors import NoteFinalized, ValidationError
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services


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
