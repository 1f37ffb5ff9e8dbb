"""Note templates, per-client default templates, outcome measures and their scores."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IdMixin, TimestampMixin
from db.vocabulary import NoteKind, sql_choices


class NoteTemplate(IdMixin, TimestampMixin, Base):
    """A shape for a note. Shipped templates are in code (``db/templates/shipped.py``); a
    row with the same ``key`` is the clinician's edited copy and hides the shipped one."""

    __tablename__ = "note_template"
    __table_args__ = (CheckConstraint(sql_choices("kind", NoteKind), name="kind"),)

    key: Mapped[str | None] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10), default=NoteKind.PROCESS)
    body: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    deleted: Mapped[bool] = mapped_column(default=False)


class ClientTemplate(Base):
    """Which template a new session of a client starts from, per note kind."""

    __tablename__ = "client_template"
    __table_args__ = (CheckConstraint(sql_choices("kind", NoteKind), name="kind"),)

    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    # A shipped template's key, or the id of a vault template as text.
    template: Mapped[str] = mapped_column(String(80))


class MeasureScale(IdMixin, TimestampMixin, Base):
    """A simple scale of the clinician's own: a total within a range, and which way is
    better. The published questionnaires (PHQ-9, GAD-7) are in code, not rows."""

    __tablename__ = "measure_scale"
    __table_args__ = (CheckConstraint("maximum > minimum", name="range"),)

    # Unique by the service, not by the table: an import of a scale whose name the vault
    # already uses (a different id) adds it rather than failing the whole import.
    name: Mapped[str] = mapped_column(String(60))
    minimum: Mapped[int] = mapped_column(default=0)
    maximum: Mapped[int]
    higher_is_worse: Mapped[bool] = mapped_column(default=True)


class MeasureScore(IdMixin, TimestampMixin, Base):
    """One measure taken at one session: the total, and the item answers when given."""

    __tablename__ = "measure_score"
    __table_args__ = (
        UniqueConstraint("session_id", "measure"),
        CheckConstraint("total >= 0", name="total"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("therapy_session.id", ondelete="CASCADE"), index=True)
    # "phq9", "gad7", or the id of a MeasureScale as text.
    measure: Mapped[str] = mapped_column(String(40))
    total: Mapped[int]
    # Item answers as digits ("012301230"), empty when only the total was given.
    items: Mapped[str] = mapped_column(String(40), default="")
