"""The theme taxonomy (categories and themes, both trees), marks and relational episodes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IdMixin, TimestampMixin, UtcDateTime


class ThemeCategory(IdMixin, TimestampMixin, Base):
    __tablename__ = "theme_category"

    key: Mapped[str | None] = mapped_column(String(80), unique=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme_category.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Theme(IdMixin, TimestampMixin, Base):
    """A theme a clinician can mark; shipped themes carry a stable ``key``."""

    __tablename__ = "theme"
    __table_args__ = (
        CheckConstraint("dmrs_level IS NULL OR dmrs_level BETWEEN 1 AND 7", name="dmrs_level"),
        CheckConstraint(
            "ccrt_component IS NULL OR ccrt_component IN ('W', 'RO', 'RS')", name="ccrt"
        ),
    )

    key: Mapped[str | None] = mapped_column(String(80), unique=True)
    category_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("theme_category.id", ondelete="RESTRICT"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"), index=True
    )
    client_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("client.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    definition: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(9), default="#888888")
    dmrs_level: Mapped[int | None]
    ccrt_component: Mapped[str | None] = mapped_column(String(2))
    position: Mapped[int] = mapped_column(default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="SET NULL")
    )


class PassageAnchor:
    """Columns that pin a mark or episode to a passage of a note.

    Offsets are kept with the quoted text and some context on both sides, so the passage
    can be found again if the offsets drift.
    """

    note_kind: Mapped[str | None] = mapped_column(String(10))
    anchor_start: Mapped[int | None]
    anchor_end: Mapped[int | None]
    anchor_text: Mapped[str | None] = mapped_column(Text)
    anchor_prefix: Mapped[str | None] = mapped_column(Text)
    anchor_suffix: Mapped[str | None] = mapped_column(Text)
    #: Set when the anchored words were deleted and the mark fell back to the session.
    anchor_lost_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Mark(IdMixin, TimestampMixin, PassageAnchor, Base):
    __tablename__ = "mark"
    __table_args__ = (
        CheckConstraint("intensity BETWEEN 1 AND 3", name="intensity"),
        # Also the index of session_id: a session list's theme chips come from it alone.
        Index("ix_mark_session_id_theme_id", "session_id", "theme_id", "intensity"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("therapy_session.id", ondelete="CASCADE"))
    theme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("theme.id", ondelete="RESTRICT"),
                                                index=True)
    intensity: Mapped[int] = mapped_column(default=2)
    comment: Mapped[str] = mapped_column(Text, default="")


class RelationalEpisode(IdMixin, TimestampMixin, PassageAnchor, Base):
    """A CCRT relationship episode: a wish, the other's response, the self's response."""

    __tablename__ = "relational_episode"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("therapy_session.id", ondelete="CASCADE"), index=True
    )
    other_person: Mapped[str] = mapped_column(String(120))
    other_kind: Mapped[str] = mapped_column(String(20), default="other")
    wish_theme_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    response_of_other_theme_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    response_of_self_theme_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    # Up to three categories per component (Luborsky & Crits-Christoph 1998): the second
    # and third of each, in the order scored. Fixed columns, not a table: the method's
    # maximum is three, and so every category keeps its foreign key and merge rule.
    wish_theme_2_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    wish_theme_3_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    response_of_other_theme_2_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    response_of_other_theme_3_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    response_of_self_theme_2_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    response_of_self_theme_3_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("theme.id", ondelete="RESTRICT"))
    #: positive / negative (db.vocabulary.Valence), None when not rated.
    response_of_other_valence: Mapped[str | None] = mapped_column(String(10))
    response_of_self_valence: Mapped[str | None] = mapped_column(String(10))
    narrative: Mapped[str] = mapped_column(Text, default="")
