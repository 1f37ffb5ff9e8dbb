"""Therapy sessions, their notes, revisions, drafts and addenda."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, IdMixin, TimestampMixin, UtcDateTime
from db.models.clients import Client
from db.vocabulary import Attendance, NoteKind, RevisionReason, SessionKind, sql_choices


class TherapySession(IdMixin, TimestampMixin, Base):
    """One session with a client: the frame facts plus the process and progress notes."""

    __tablename__ = "therapy_session"
    __table_args__ = (
        UniqueConstraint("client_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("duration_minutes >= 0", name="duration"),
        CheckConstraint(sql_choices("kind", SessionKind), name="kind"),
        CheckConstraint(sql_choices("attendance", Attendance), name="attendance"),
        # Also the index of client_id: the client list counts sessions and finds the last
        # date from it alone, without reading the rows (which hold the notes).
        Index("ix_therapy_session_client_id_date", "client_id", "date"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    number: Mapped[int]
    date: Mapped[date] = mapped_column(index=True)
    start_time: Mapped[time | None]
    duration_minutes: Mapped[int] = mapped_column(default=50)
    kind: Mapped[str] = mapped_column(String(12), default=SessionKind.INDIVIDUAL)
    attendance: Mapped[str] = mapped_column(String(12), default=Attendance.ATTENDED)
    process_note: Mapped[str] = mapped_column(Text, default="")
    progress_note: Mapped[str] = mapped_column(Text, default="")
    finalized_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    client: Mapped[Client] = relationship()
    addenda: Mapped[list[Addendum]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Addendum.written_at"
    )


class NoteRevision(IdMixin, Base):
    """An append-only snapshot of a note's text; rows are never updated or deleted."""

    __tablename__ = "note_revision"
    __table_args__ = (CheckConstraint(sql_choices("kind", NoteKind), name="kind"),)

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("therapy_session.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(String(20), default=RevisionReason.AUTOSAVE)


class NoteDraft(Base):
    """Unsaved typing, written every few seconds so a crash loses nothing."""

    __tablename__ = "note_draft"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("therapy_session.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Addendum(IdMixin, Base):
    """Dated text added to a finalized note."""

    __tablename__ = "addendum"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("therapy_session.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime)

    session: Mapped[TherapySession] = relationship(back_populates="addenda")
