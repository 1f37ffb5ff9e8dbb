"""Clients: the caseload, each client's treatment frame and goals."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from db.clock import utcnow
from db.errors import NotFound, ValidationError
from db.models import Client, Goal, GoalReview, TherapySession
from db.services import audit
from db.services.base import DatabaseProvider, get_or_404
from db.services.dto import (
    Changed,
    ClientDTO,
    ClientInput,
    GoalDTO,
    GoalReviewDTO,
    Outcome,
)
from db.vocabulary import ClientStatus, GoalStatus, is_one_of


def _goal_dto(goal: Goal) -> GoalDTO:
    reviews = tuple(GoalReviewDTO(r.id, r.reviewed_on, r.note) for r in goal.reviews)
    return GoalDTO(goal.id, goal.title, goal.status, reviews)


def client_dto(client: Client, session_count: int = 0, last: date | None = None,
               with_goals: bool = False) -> ClientDTO:
    goals = tuple(_goal_dto(g) for g in client.goals) if with_goals else ()
    return ClientDTO(
        client.id, client.code, client.display_name, client.status, client.intake_date,
        client.closing_date, client.modality, client.frequency, client.frame_start_date,
        client.planned_sessions, client.notes, session_count, last, goals,
    )


def _validate(data: ClientInput) -> ClientInput:
    code = data.code.strip()
    if not code:
        raise ValidationError("Give the client a code (a pseudonym).", field="code")
    if len(code) > 40:
        raise ValidationError("A client code has at most 40 characters.", field="code")
    if not is_one_of(ClientStatus, data.status):
        raise ValidationError("Unknown client status.", field="status")
    if len(data.display_name) > 200:
        raise ValidationError("A name has at most 200 characters.", field="display_name")
    if data.intake_date and data.closing_date and data.closing_date < data.intake_date:
        raise ValidationError("The closing date is before the intake date.",
                              field="closing_date")
    if data.planned_sessions is not None and not 1 <= data.planned_sessions <= 2000:
        raise ValidationError("Planned sessions must be between 1 and 2000.",
                              field="planned_sessions")
    return ClientInput(**{**data.__dict__, "code": code,
                          "display_name": data.display_name.strip()})


def _code_key(code: str) -> str:
    """How codes compare: trimmed, Unicode-normalized, case-folded ("Él-07" is "éL-07").

    Done in Python because SQLite's lower() folds ASCII letters only; a caseload holds a
    few hundred codes at most.
    """
    return unicodedata.normalize("NFC", code.strip()).casefold()


def _client_with_code(session: Session, code: str,
                      other_than: uuid.UUID | None = None) -> uuid.UUID | None:
    wanted = _code_key(code)
    for ident, existing in session.execute(select(Client.id, Client.code)):
        if ident != other_than and _code_key(existing) == wanted:
            return ident
    return None


def _ensure_unique_code(session: Session, code: str, client_id: uuid.UUID | None) -> None:
    if _client_with_code(session, code, client_id) is not None:
        raise ValidationError(f"Another client already has the code {code}.", field="code")


class ClientService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    # --- reading ---------------------------------------------------------------------------

    def list_clients(self, status: str | None = None, query: str = "") -> list[ClientDTO]:
        """Clients ordered by code, with session counts; ``query`` matches code or name."""
        stats = (
            select(TherapySession.client_id, func.count().label("n"),
                   func.max(TherapySession.date).label("last"))
            .group_by(TherapySession.client_id).subquery()
        )
        stmt = (select(Client, stats.c.n, stats.c.last)
                .outerjoin(stats, stats.c.client_id == Client.id))
        if status:
            stmt = stmt.where(Client.status == status)
        wanted = _code_key(query)
        with self._vault.database.read() as session:
            found = [client_dto(c, n or 0, last) for c, n, last in session.execute(stmt)
                     if wanted in _code_key(c.code) or wanted in _code_key(c.display_name)]
        return sorted(found, key=lambda c: (_code_key(c.code), c.code))

    def get(self, client_id: uuid.UUID) -> ClientDTO:
        with self._vault.database.read() as session:
            client = session.scalars(
                select(Client).where(Client.id == client_id)
                .options(selectinload(Client.goals).selectinload(Goal.reviews))
            ).first()
            if client is None:
                raise NotFound
            n, last = session.execute(
                select(func.count(), func.max(TherapySession.date))
                .where(TherapySession.client_id == client_id)).one()
            return client_dto(client, n, last, with_goals=True)

    def by_code(self, code: str) -> ClientDTO:
        with self._vault.database.read() as session:
            ident = _client_with_code(session, code)
        if ident is None:
            raise ValidationError(f"There is no client with the code {code}.", field="code")
        return self.get(ident)

    # --- writing ---------------------------------------------------------------------------

    def create(self, data: ClientInput) -> Outcome[ClientDTO]:
        data = _validate(data)
        with self._vault.database.write() as session:
            _ensure_unique_code(session, data.code, None)
            client = Client(**data.__dict__)
            session.add(client)
            session.flush()
            dto = client_dto(client)
        return Outcome(dto, Changed(clients=frozenset({dto.id})))

    def update(self, client_id: uuid.UUID, data: ClientInput) -> Outcome[ClientDTO]:
        data = _validate(data)
        with self._vault.database.write() as session:
            client = get_or_404(session, Client, client_id)
            _ensure_unique_code(session, data.code, client_id)
            for name, value in data.__dict__.items():
                setattr(client, name, value)
            dto = client_dto(client)
        return Outcome(dto, Changed(clients=frozenset({client_id})))

    def set_status(self, client_id: uuid.UUID, status: str,
                   on: date | None = None) -> Outcome[ClientDTO]:
        """Close (``closed``), pause or reopen (``active``) a client."""
        if not is_one_of(ClientStatus, status):
            raise ValidationError("Unknown client status.", field="status")
        with self._vault.database.write() as session:
            client = get_or_404(session, Client, client_id)
            client.status = status
            if status == ClientStatus.CLOSED:
                client.closing_date = on or date.today()
            elif status == ClientStatus.ACTIVE:
                client.closing_date = None
            dto = client_dto(client)
        return Outcome(dto, Changed(clients=frozenset({client_id})))

    def delete(self, client_id: uuid.UUID) -> Outcome[None]:
        """Delete a client with all their sessions and notes (audited)."""
        with self._vault.database.write() as session:
            client = get_or_404(session, Client, client_id)
            sessions = session.scalar(select(func.count()).where(
                TherapySession.client_id == client_id)) or 0
            session.delete(client)
            audit.record(session, "delete", "client", client_id, {"sessions": sessions})
        return Outcome(None, Changed(clients=frozenset({client_id})))

    # --- goals -----------------------------------------------------------------------------

    def add_goal(self, client_id: uuid.UUID, title: str) -> Outcome[GoalDTO]:
        if not title.strip():
            raise ValidationError("Describe the goal in a few words.", field="title")
        with self._vault.database.write() as session:
            get_or_404(session, Client, client_id)
            position = session.scalar(select(func.count()).where(Goal.client_id == client_id))
            goal = Goal(client_id=client_id, title=title.strip(), position=position or 0)
            session.add(goal)
            session.flush()
            dto = GoalDTO(goal.id, goal.title, goal.status)
        return Outcome(dto, Changed(clients=frozenset({client_id})))

    def review_goal(self, goal_id: uuid.UUID, reviewed_on: date, note: str,
                    status: str | None = None) -> Outcome[GoalDTO]:
        """Add a dated review note to a goal, optionally changing its status."""
        if status is not None and not is_one_of(GoalStatus, status):
            raise ValidationError("Unknown goal status.", field="status")
        with self._vault.database.write() as session:
            goal = get_or_404(session, Goal, goal_id)
            session.add(GoalReview(goal_id=goal_id, reviewed_on=reviewed_on,
                                   note=note.strip(), created_at=utcnow()))
            if status:
                goal.status = status
            session.flush()
            session.refresh(goal)
            dto = _goal_dto(goal)
            client_id = goal.client_id
        return Outcome(dto, Changed(clients=frozenset({client_id})))
