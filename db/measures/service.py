"""Outcome measures: record a score at a session (items or a total), read a client's
series with severity bands and the reliable change against their first score."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.errors import NotFound, ValidationError
from db.measures.dto import MeasureDef, MeasurePoint, MeasureSeries, ScoreDTO
from db.measures.questionnaires import ITEM_MAX, QUESTIONNAIRES
from db.measures.reliable_change import change, rci
from db.models import MeasureScale, MeasureScore, TherapySession
from db.services.base import DatabaseProvider, get_or_404
from db.services.dto import Changed, Outcome

MAX_SCALE_NAME = 60
MAX_SCALE_VALUE = 10_000


def _definitions(session: Session) -> dict[str, MeasureDef]:
    found = {q.key: MeasureDef(q.key, q.name, 0, q.maximum, True, q.items, True)
             for q in QUESTIONNAIRES.values()}
    for row in session.scalars(select(MeasureScale).order_by(MeasureScale.name)):
        found[str(row.id)] = MeasureDef(str(row.id), row.name, row.minimum, row.maximum,
                                        row.higher_is_worse)
    return found


def _score(row: MeasureScore, first: MeasureScore | None,
           definition: MeasureDef) -> ScoreDTO:
    items = tuple(int(c) for c in row.items)
    questionnaire = QUESTIONNAIRES.get(row.measure)
    if questionnaire is None:
        return ScoreDTO(row.session_id, row.measure, row.total, items, None, None, None)
    index = None if first is None else rci(first.total, row.total, questionnaire.sd,
                                           questionnaire.reliability)
    risk = (questionnaire.risk_item is not None and len(items) >= questionnaire.risk_item
            and items[questionnaire.risk_item - 1] > 0)
    return ScoreDTO(row.session_id, row.measure, row.total, items,
                    questionnaire.band(row.total), index,
                    None if index is None else change(index, definition.higher_is_worse),
                    risk)


def _client_rows(session: Session, client_id: uuid.UUID
                 ) -> list[tuple[MeasureScore, TherapySession]]:
    rows = session.execute(
        select(MeasureScore, TherapySession)
        .join(TherapySession, TherapySession.id == MeasureScore.session_id)
        .where(TherapySession.client_id == client_id)
        .order_by(TherapySession.number))
    return [(score, therapy) for score, therapy in rows]


def client_series(session: Session, client_id: uuid.UUID) -> list[MeasureSeries]:
    """Every measure the client has scores of, each in session order (first = intake)."""
    definitions = _definitions(session)
    points: dict[str, list[MeasurePoint]] = {}
    firsts: dict[str, MeasureScore] = {}
    for row, therapy in _client_rows(session, client_id):
        definition = definitions.get(row.measure)
        if definition is None:
            continue
        first = firsts.setdefault(row.measure, row)
        points.setdefault(row.measure, []).append(MeasurePoint(
            therapy.id, therapy.number, therapy.date, _score(row, first, definition)))
    return [MeasureSeries(definitions[key], tuple(points[key]))
            for key in definitions if key in points]


def _check_values(definition: MeasureDef, items: Sequence[int] | None,
                  total: int | None) -> tuple[int, str]:
    if items is not None:
        if not definition.items:
            raise ValidationError(f"{definition.name} is scored as a total, not by items.",
                                  field="items")
        if len(items) != len(definition.items) or any(
                isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= ITEM_MAX
                for v in items):
            raise ValidationError(f"{definition.name} needs an answer from 0 to {ITEM_MAX} "
                                  f"to each of its {len(definition.items)} items.",
                                  field="items")
        summed = sum(items)
        if total is not None and total != summed:
            raise ValidationError(f"The items add up to {summed}, not {total}.", field="total")
        return summed, "".join(str(v) for v in items)
    if total is None or isinstance(total, bool) or not isinstance(total, int):
        raise ValidationError("Give the item answers or the total.", field="total")
    if not definition.minimum <= total <= definition.maximum:
        raise ValidationError(f"A {definition.name} total is from {definition.minimum} to "
                              f"{definition.maximum}.", field="total")
    return total, ""


class MeasureService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def measures(self) -> list[MeasureDef]:
        """PHQ-9 and GAD-7 first, then the clinician's own scales by name."""
        with self._vault.database.read() as session:
            return list(_definitions(session).values())

    def find(self, name: str) -> MeasureDef:
        """A measure by key or name, ignoring case and punctuation (``phq9`` = ``PHQ-9``)."""
        def plain(text: str) -> str:
            return "".join(c for c in text.casefold() if c.isalnum())

        wanted = plain(name)
        for definition in self.measures():
            if wanted in (plain(definition.key), plain(definition.name)):
                return definition
        raise NotFound("There is no measure called that.")

    def add_scale(self, name: str, minimum: int, maximum: int,
                  higher_is_worse: bool = True) -> Outcome[MeasureDef]:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("Give the scale a name.", field="name")
        if len(name) > MAX_SCALE_NAME:
            raise ValidationError(f"A scale's name can have at most {MAX_SCALE_NAME} "
                                  "characters.", field="name")
        if not 0 <= minimum < maximum <= MAX_SCALE_VALUE:
            raise ValidationError(f"A scale goes from a lowest to a higher highest value, "
                                  f"both from 0 to {MAX_SCALE_VALUE:,}.", field="range")
        with self._vault.database.write() as session:
            taken = {d.name.casefold() for d in _definitions(session).values()}
            if name.casefold() in taken:
                raise ValidationError("There is already a measure with that name.",
                                      field="name")
            row = MeasureScale(name=name, minimum=minimum, maximum=maximum,
                               higher_is_worse=higher_is_worse)
            session.add(row)
            session.flush()
            definition = MeasureDef(str(row.id), name, minimum, maximum, higher_is_worse)
        return Outcome(definition, Changed())

    def record(self, session_id: uuid.UUID, measure: str, *,
               items: Sequence[int] | None = None,
               total: int | None = None) -> Outcome[ScoreDTO]:
        """Store (or replace) the score of ``measure`` at this session."""
        with self._vault.database.write() as session:
            therapy = get_or_404(session, TherapySession, session_id)
            definition = _definitions(session).get(measure)
            if definition is None:
                raise NotFound("There is no measure called that.")
            value, answers = _check_values(definition, items, total)
            row = session.scalars(select(MeasureScore).where(
                MeasureScore.session_id == session_id,
                MeasureScore.measure == measure)).first()
            if row is None:
                row = MeasureScore(session_id=session_id, measure=measure)
                session.add(row)
            row.total, row.items = value, answers
            session.flush()
            client_id = therapy.client_id
            series = client_series(session, client_id)
        score = next(p.score for s in series if s.measure.key == measure
                     for p in s.points if p.session_id == session_id)
        return Outcome(score, Changed(clients=frozenset({client_id}),
                                      sessions=frozenset({session_id})))

    def remove(self, session_id: uuid.UUID, measure: str) -> Outcome[None]:
        with self._vault.database.write() as session:
            therapy = get_or_404(session, TherapySession, session_id)
            session.execute(delete(MeasureScore).where(
                MeasureScore.session_id == session_id, MeasureScore.measure == measure))
            client_id = therapy.client_id
        return Outcome(None, Changed(clients=frozenset({client_id}),
                                     sessions=frozenset({session_id})))

    def series(self, client_id: uuid.UUID) -> list[MeasureSeries]:
        with self._vault.database.read() as session:
            return client_series(session, client_id)

    def for_session(self, session_id: uuid.UUID) -> list[ScoreDTO]:
        with self._vault.database.read() as session:
            therapy = get_or_404(session, TherapySession, session_id)
            series = client_series(session, therapy.client_id)
        return [p.score for s in series for p in s.points if p.session_id == session_id]
