"""Frozen values of outcome measures: what the measure service hands out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MeasureDef:
    """A measure a score can be of: ``key`` is ``phq9``, ``gad7`` or an own scale's id."""

    key: str
    name: str
    minimum: int
    maximum: int
    higher_is_worse: bool
    items: tuple[str, ...] = ()  # the questions, for the published questionnaires
    reliable_change: bool = False  # published SD and reliability known


@dataclass(frozen=True)
class ScoreDTO:
    session_id: uuid.UUID
    measure: str
    total: int
    items: tuple[int, ...]
    band: str | None  # severity band of the published questionnaires
    rci: float | None  # against the client's first score of this measure
    change: str | None  # a db.measures.reliable_change.Change, None without an RCI
    risk: bool = False  # the PHQ-9's item 9 answered above "not at all"


@dataclass(frozen=True)
class MeasurePoint:
    session_id: uuid.UUID
    number: int
    date: date
    score: ScoreDTO


@dataclass(frozen=True)
class MeasureSeries:
    """One measure of one client over their sessions, in session order."""

    measure: MeasureDef
    points: tuple[MeasurePoint, ...]
