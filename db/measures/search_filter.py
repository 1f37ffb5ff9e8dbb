"""Measure conditions in a search (``phq9>=15``, ``gad7<5``): taken out of the query text
before the words are parsed, and applied to the sessions the hits belong to.

A hook of its own, so the search language (``db/search/query.py``) stays about words:
:func:`split` is called first by ``SearchService.search``.
"""

from __future__ import annotations

import operator
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Client, MeasureScore, TherapySession

_CONDITION = re.compile(r"(?<!\S)(phq-?9|gad-?7)\s*(>=|<=|=|>|<)\s*(\d{1,4})(?!\S)",
                        re.IGNORECASE)
_OPERATORS: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge, "<=": operator.le, "=": operator.eq, ">": operator.gt,
    "<": operator.lt}
MAX_CONDITIONS = 4


@dataclass(frozen=True)
class Condition:
    measure: str  # phq9 or gad7
    op: str
    value: int

    def holds(self, total: int) -> bool:
        return _OPERATORS[self.op](total, self.value)


@dataclass(frozen=True)
class MeasureFilter:
    conditions: tuple[Condition, ...] = ()
    message: str | None = None


def split(query: str) -> tuple[str, MeasureFilter]:
    """The query without its measure conditions, and the conditions."""
    conditions = tuple(Condition(m.group(1).lower().replace("-", ""), m.group(2),
                                 int(m.group(3))) for m in _CONDITION.finditer(query))
    if len(conditions) > MAX_CONDITIONS:
        return "", MeasureFilter(message=f"Use at most {MAX_CONDITIONS} measure conditions "
                                         "in one search.")
    return _CONDITION.sub(" ", query), MeasureFilter(conditions)


def sessions_meeting(session: Session, conditions: tuple[Condition, ...]) -> set[uuid.UUID]:
    """Sessions whose scores meet every condition (all of them, like the words)."""
    wanted = {c.measure for c in conditions}
    scores: dict[uuid.UUID, dict[str, int]] = {}
    for session_id, measure, total in session.execute(
            select(MeasureScore.session_id, MeasureScore.measure, MeasureScore.total)
            .where(MeasureScore.measure.in_(wanted))):
        scores.setdefault(session_id, {})[measure] = total
    return {session_id for session_id, totals in scores.items()
            if all(c.measure in totals and c.holds(totals[c.measure]) for c in conditions)}


@dataclass(frozen=True)
class MeasuredSession:
    session_id: uuid.UUID
    client_id: uuid.UUID
    client_code: str
    number: int
    date: date
    opening: str  # the start of the process note, for a snippet


def measured_sessions(session: Session, ids: set[uuid.UUID], client_id: uuid.UUID | None,
                      date_from: date | None, date_to: date | None,
                      limit: int) -> list[MeasuredSession]:
    """The sessions of ``ids`` within the filters, newest first (a search of conditions
    only, without words)."""
    if not ids:
        return []
    statement = (select(TherapySession.id, TherapySession.client_id, Client.code,
                        TherapySession.number, TherapySession.date,
                        TherapySession.process_note)
                 .join(Client, Client.id == TherapySession.client_id)
                 .where(TherapySession.id.in_(ids))
                 .order_by(TherapySession.date.desc(), TherapySession.id.desc()))
    if client_id is not None:
        statement = statement.where(TherapySession.client_id == client_id)
    if date_from is not None:
        statement = statement.where(TherapySession.date >= date_from)
    if date_to is not None:
        statement = statement.where(TherapySession.date <= date_to)
    return [MeasuredSession(row[0], row[1], row[2], row[3], row[4], row[5][:160])
            for row in session.execute(statement.limit(limit))]
