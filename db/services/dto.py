"""Frozen data transfer objects: what services hand to the GUI and the command line.

None of these is a live ORM object; they are safe to keep after the unit of work ends
and to pass between threads.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Generic, TypeVar

from db.vocabulary import Attendance, ClientStatus, NoteKind, SessionKind

T = TypeVar("T")


@dataclass(frozen=True)
class Changed:
    """What a user action changed, so views refresh only what is affected."""

    clients: frozenset[uuid.UUID] = frozenset()
    sessions: frozenset[uuid.UUID] = frozenset()
    themes: bool = False
    settings: bool = False

    def __or__(self, other: Changed) -> Changed:
        return Changed(self.clients | other.clients, self.sessions | other.sessions,
                       self.themes or other.themes, self.settings or other.settings)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T
    changed: Changed


@dataclass(frozen=True)
class GoalReviewDTO:
    id: uuid.UUID
    reviewed_on: date
    note: str


@dataclass(frozen=True)
class GoalDTO:
    id: uuid.UUID
    title: str
    status: str
    reviews: tuple[GoalReviewDTO, ...] = ()


@dataclass(frozen=True)
class ClientDTO:
    id: uuid.UUID
    code: str
    display_name: str
    status: str
    intake_date: date | None
    closing_date: date | None
    modality: str
    frequency: str
    frame_start_date: date | None
    planned_sessions: int | None
    notes: str
    session_count: int = 0
    last_session_date: date | None = None
    goals: tuple[GoalDTO, ...] = ()


@dataclass(frozen=True)
class ClientInput:
    """What a clinician types into the client form."""

    code: str
    display_name: str = ""
    status: str = ClientStatus.ACTIVE
    intake_date: date | None = None
    closing_date: date | None = None
    modality: str = ""
    frequency: str = ""
    frame_start_date: date | None = None
    planned_sessions: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ThemeChip:
    theme_id: uuid.UUID
    name: str
    color: str
    intensity: int


@dataclass(frozen=True)
class SessionDTO:
    id: uuid.UUID
    client_id: uuid.UUID
    number: int
    date: date
    start_time: time | None
    duration_minutes: int
    kind: str
    attendance: str
    finalized_at: datetime | None
    has_process_note: bool = False  # the process note is not empty
    chips: tuple[ThemeChip, ...] = ()  # the strongest themes marked, at most six


@dataclass(frozen=True)
class SessionInput:
    date: date
    number: int | None = None  # None: the next free number
    start_time: time | None = None
    duration_minutes: int = 50
    kind: str = SessionKind.INDIVIDUAL
    attendance: str = Attendance.ATTENDED


@dataclass(frozen=True)
class AddendumDTO:
    id: uuid.UUID
    text: str
    written_at: datetime


@dataclass(frozen=True)
class NoteDTO:
    """Both notes of one session, with what the editor needs to know about them."""

    session_id: uuid.UUID
    client_id: uuid.UUID
    number: int
    date: date
    process_note: str
    progress_note: str
    finalized_at: datetime | None
    addenda: tuple[AddendumDTO, ...] = ()
    drafts: dict[str, str] = field(default_factory=dict)  # kind -> unsaved text

    def text(self, kind: str) -> str:
        return self.process_note if kind == NoteKind.PROCESS else self.progress_note


@dataclass(frozen=True)
class RevisionDTO:
    id: uuid.UUID
    kind: str
    saved_at: datetime
    reason: str
    text: str


@dataclass(frozen=True)
class DraftDTO:
    """Unsaved text left behind by a crash, to offer back after unlocking."""

    session_id: uuid.UUID
    client_code: str
    number: int
    kind: str
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class AuditEventDTO:
    seq: int
    at: datetime
    action: str
    entity_type: str
    entity_id: str
    detail: str
