"""Clients, their treatment frame, and the goals agreed with them."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, IdMixin, TimestampMixin, UtcDateTime
from db.vocabulary import ClientStatus, GoalStatus, sql_choices


class Client(IdMixin, TimestampMixin, Base):
    __tablename__ = "client"
    __table_args__ = (
        CheckConstraint(sql_choices("status", ClientStatus), name="status"),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default=ClientStatus.ACTIVE)
    intake_date: Mapped[date | None]
    closing_date: Mapped[date | None]
    # Treatment frame
    modality: Mapped[str] = mapped_column(String(60), default="")
    frequency: Mapped[str] = mapped_column(String(60), default="")
    frame_start_date: Mapped[date | None]
    planned_sessions: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    goals: Mapped[list[Goal]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="Goal.position"
    )


class Goal(IdMixin, TimestampMixin, Base):
    __tablename__ = "goal"
    __table_args__ = (
        CheckConstraint(sql_choices("status", GoalStatus), name="status"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"),
                                                 index=True)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=GoalStatus.OPEN)
    position: Mapped[int] = mapped_column(default=0)

    client: Mapped[Client] = relationship(back_populates="goals")
    reviews: Mapped[list[GoalReview]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="GoalReview.reviewed_on"
    )


class GoalReview(IdMixin, Base):
    __tablename__ = "goal_review"

    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"),
                                               index=True)
    reviewed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    goal: Mapped[Goal] = relationship(back_populates="reviews")
