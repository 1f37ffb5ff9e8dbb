"""A note edited on two computers, read and settled: the note as it is now beside the
text kept from the other computer (docs/sync.md, "Two texts side by side").

When a draft this device wrote lost to a version that had not seen it, apply kept its
text as a revision (reason ``before-deletion``) and raised an ``edited_on_two_devices``
flag naming that revision (``other_id``). The flag and the revision travel, so every
computer of the group can compare and settle it; settling resolves the flag everywhere.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.clock import Clock, utcnow
from db.errors import NotFound
from db.models import NoteRevision, TherapySession
from db.services.base import DatabaseProvider
from db.services.dto import Changed
from db.services.notes import replace_text
from db.sync import flags, schema, state

EDITED = "edited_on_two_devices"


class NoSecondText(NotFound):
    default_message = "This flag has no second text to compare; mark it resolved instead."


@dataclass(frozen=True)
class Side:
    """One of the two texts, and where and when it was written."""

    text: str
    device: str          # the computer's name
    this_device: bool
    at: datetime | None  # the note: when it was last saved; the kept text: when kept


@dataclass(frozen=True)
class TwoTexts:
    flag_id: str
    session_id: uuid.UUID
    kind: str            # process or progress
    client_code: str
    session_number: int
    session_date: date
    finalized: bool      # a finalized note keeps its text
    current: Side        # the note as it is now
    kept: Side           # the text kept from the other computer


def _device(session: Session, current: state.State | None, table: str,
            row_id: str) -> tuple[str, bool]:
    """The computer that wrote this version of a row (``current``: this device's sync
    state): its name, and whether it is this one."""
    me = (current.device_name, True) if current else ("This computer", True)
    version = state.version_of(session, table, row_id)
    if current is None or state.is_pending(session, table, row_id) or version is None \
            or version.device == current.device_id:
        return me
    name = session.execute(text(f"SELECT name FROM {schema.DEVICES} WHERE id = :id"),
                           {"id": version.device}).scalar()
    return (name or "another computer"), False


def _flagged(session: Session, flag_id: str) -> tuple[TherapySession, NoteRevision]:
    row = session.execute(text(
        f"SELECT kind, entity, entity_id, other_id FROM {schema.CONFLICTS} WHERE id = :id"),
        {"id": flag_id}).first()
    if row is None or row[0] != EDITED or row[1] != "therapy_session" or not row[3]:
        raise NoSecondText
    note = session.get(TherapySession, uuid.UUID(row[2]))
    kept = session.get(NoteRevision, uuid.UUID(row[3]))
    if note is None or kept is None or kept.session_id != note.id:
        raise NoSecondText
    return note, kept


def two_texts(vault: DatabaseProvider, flag_id: str) -> TwoTexts:
    """Both texts of the note an ``edited_on_two_devices`` flag names (a read). Raises
    :class:`NoSecondText` for any other flag or when the texts are gone."""
    with vault.database.read() as session:
        note, kept = _flagged(session, flag_id)
        here = state.read_state(session)
        current = Side(getattr(note, f"{kept.kind}_note"),
                       *_device(session, here, "therapy_session", note.id.hex), note.updated_at)
        other = Side(kept.text, *_device(session, here, "note_revision", kept.id.hex),
                     kept.saved_at)
        return TwoTexts(flag_id, note.id, kept.kind, note.client.code, note.number,
                        note.date, note.finalized_at is not None, current, other)


def use_kept_text(vault: DatabaseProvider, flag_id: str, clock: Clock = utcnow) -> Changed:
    """Put the kept text in place of the note's (the note's text kept as a revision
    first) and resolve the flag, in one unit of work. Raises :class:`NoteFinalized`."""
    now = clock()
    with vault.database.write() as session:
        note, kept = _flagged(session, flag_id)
        replace_text(session, note.id, kept.kind, kept.text, now)
        flags.mark_resolved(session, flag_id, now)
        return Changed(sessions=frozenset({note.id}))


def keep_current(vault: DatabaseProvider, flag_id: str) -> Changed:
    """Keep the note as it is: the flag is resolved (the kept text stays in its history)."""
    flags.resolve(vault, flag_id)
    return Changed()

