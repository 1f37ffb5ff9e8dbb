"""Sessions: the dated meetings with a client, numbered 1, 2, 3… per client."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.errors import NotFound, ValidationError
from db.models import Client, Mark, Theme, TherapySession
from db.services import audit
from db.services.base import DatabaseProvider, get_or_404, insert_rows
from db.services.dto import Changed, Outcome, SessionDTO, SessionInput, ThemeChip
from db.templates.service import starting_notes
from db.vocabulary import Attendance, NoteKind, SessionKind, is_one_of

MAX_CHIPS = 6


def session_dto(row: TherapySession, chips: tuple[ThemeChip, ...] = ()) -> SessionDTO:
    return SessionDTO(
        row.id, row.client_id, row.number, row.date, row.start_time, row.duration_minutes,
        row.kind, row.attendance, row.finalized_at, bool(row.process_note), chips,
    )


#: What a session list shows, without the notes: their size comes from the record header
#: (``octet_length`` reads no text), so no note text is read for a list.
LIST_COLUMNS = (
    TherapySession.id, TherapySession.client_id, TherapySession.number, TherapySession.date,
    TherapySession.start_time, TherapySession.duration_minutes, TherapySession.kind,
    TherapySession.attendance, TherapySession.finalized_at,
    func.octet_length(TherapySession.process_note) > 0,
)


def _validate(data: SessionInput) -> None:
    if not date(1900, 1, 1) <= data.date <= date(2199, 12, 31):
        raise ValidationError("That date is not possible.", field="date")
    if data.number is not None and not 1 <= data.number <= 100_000:
        raise ValidationError("Session numbers start at 1.", field="number")
    if not 0 <= data.duration_minutes <= 600:
        raise ValidationError("A session lasts between 0 and 600 minutes.",
                              field="duration_minutes")
    if not is_one_of(SessionKind, data.kind):
        raise ValidationError("Unknown kind of session.", field="kind")
    if not is_one_of(Attendance, data.attendance):
        raise ValidationError("Unknown attendance.", field="attendance")


def _ensure_free_number(session: Session, client_id: uuid.UUID, number: int,
                        session_id: uuid.UUID | None) -> None:
    query = select(TherapySession.id).where(TherapySession.client_id == client_id,
                                            TherapySession.number == number)
    if session_id is not None:
        query = query.where(TherapySession.id != session_id)
    if session.scalar(query) is not None:
        raise _number_taken(number)


def _number_taken(number: int) -> ValidationError:
    return ValidationError(f"This client already has a session number {number}.",
                           field="number")


def next_number(session: Session, client_id: uuid.UUID) -> int:
    highest = session.scalar(select(func.max(TherapySession.number))
                             .where(TherapySession.client_id == client_id))
    return (highest or 0) + 1


#: A mark's session and theme as the stored 32-digit hex text: turning ten thousand of them
#: into UUID objects would cost more than the query itself.
_MARK_KEYS = (type_coerce(Mark.session_id, String), type_coerce(Mark.theme_id, String),
              Mark.intensity)


def _top_chips(session: Session, rows: Iterable[tuple[str, str, int]]
               ) -> dict[str, tuple[ThemeChip, ...]]:
    """The strongest themes of each session (by session id hex), strongest first, then by
    name, at most ``MAX_CHIPS``; ``rows`` are (session hex, theme hex, intensity)."""
    strongest: dict[str, dict[str, int]] = defaultdict(dict)
    for session_hex, theme_hex, intensity in rows:
        seen = strongest[session_hex]
        if intensity > seen.get(theme_hex, 0):
            seen[theme_hex] = intensity
    if not strongest:
        return {}
    themes = {t.id.hex: (t.id, t.name, t.color) for t in session.scalars(select(Theme))}
    result = {}
    for session_hex, by_theme in strongest.items():
        chips = [ThemeChip(*themes[t], i) for t, i in by_theme.items()]
        chips.sort(key=lambda c: (-c.intensity, c.name))
        result[session_hex] = tuple(chips[:MAX_CHIPS])
    return result


def chips_for(session: Session, session_ids: list[uuid.UUID]
              ) -> dict[uuid.UUID, tuple[ThemeChip, ...]]:
    """The strongest themes marked in each of a few sessions."""
    if not session_ids:
        return {}
    rows = session.connection().execute(
        select(*_MARK_KEYS).where(Mark.session_id.in_(session_ids)))
    chips = _top_chips(session, rows.all())
    return {sid: chips[sid.hex] for sid in session_ids if sid.hex in chips}


def chips_for_client(session: Session, client_id: uuid.UUID) -> dict[str, tuple[ThemeChip, ...]]:
    """The strongest themes marked in each of a client's sessions, by session id hex, in one
    query that reads only the marks' (session, theme, intensity) index."""
    rows = session.connection().execute(  # Core: no ORM work per row
        select(*_MARK_KEYS).join(TherapySession, TherapySession.id == Mark.session_id)
        .where(TherapySession.client_id == client_id))
    return _top_chips(session, rows.all())


def _create(session: Session, client_id: uuid.UUID, data: SessionInput) -> SessionDTO:
    get_or_404(session, Client, client_id)
    number = data.number or next_number(session, client_id)
    _ensure_free_number(session, client_id, number, None)
    row = TherapySession(
        client_id=client_id, number=number, date=data.date, start_time=data.start_time,
        duration_minutes=data.duration_minutes, kind=data.kind, attendance=data.attendance,
    )
    # A new session starts from the client's default templates (db/templates).
    starting = starting_notes(session, client_id)
    row.process_note = starting.get(NoteKind.PROCESS, "")
    row.progress_note = starting.get(NoteKind.PROGRESS, "")
    session.add(row)
    session.flush()
    return session_dto(row)


def _create_many(session: Session, client_id: uuid.UUID,
                 items: list[SessionInput]) -> list[SessionDTO]:
    """What :func:`_create` does for each item in order, with the client's numbers read
    once and the rows written in one bulk insert."""
    get_or_404(session, Client, client_id)
    taken = set(session.scalars(select(TherapySession.number)
                                .where(TherapySession.client_id == client_id)))
    highest = max(taken, default=0)
    rows: list[dict[str, object]] = []
    dtos: list[SessionDTO] = []
    for data in items:
        number = data.number or highest + 1
        if number in taken:
            raise _number_taken(number)
        taken.add(number)
        highest = max(highest, number)
        session_id, now = uuid.uuid4(), utcnow()
        rows.append({"id": session_id, "client_id": client_id, "number": number,
                     "date": data.date, "start_time": data.start_time,
                     "duration_minutes": data.duration_minutes, "kind": data.kind,
                     "attendance": data.attendance, "process_note": "", "progress_note": "",
                     "finalized_at": None, "created_at": now, "updated_at": now})
        dtos.append(SessionDTO(session_id, client_id, number, data.date, data.start_time,
                               data.duration_minutes, data.kind, data.attendance, None,
                               False, ()))
    insert_rows(session, TherapySession, rows)
    return dtos


class SessionService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def list_for_client(self, client_id: uuid.UUID) -> list[SessionDTO]:
        """The client's sessions, newest first, with their theme chips.

        One query for the rows (the columns a list shows, never the notes), one for the
        chips; no ORM object per row.
        """
        with self._vault.database.read() as session:
            rows = session.connection().execute(
                select(*LIST_COLUMNS).where(TherapySession.client_id == client_id)
                .order_by(TherapySession.number.desc())).all()
            chips = chips_for_client(session, client_id)
        return [SessionDTO(*row[:9], bool(row[9]), chips.get(row[0].hex, ())) for row in rows]

    def get(self, session_id: uuid.UUID) -> SessionDTO:
        with self._vault.database.read() as session:
            row = session.execute(select(*LIST_COLUMNS)
                                  .where(TherapySession.id == session_id)).first()
            if row is None:
                raise NotFound
            chips = chips_for(session, [session_id])
        return SessionDTO(*row[:9], bool(row[9]), chips.get(row[0], ()))

    def next_number(self, client_id: uuid.UUID) -> int:
        with self._vault.database.read() as session:
            return next_number(session, client_id)

    def create(self, client_id: uuid.UUID, data: SessionInput) -> Outcome[SessionDTO]:
        _validate(data)
        with self._vault.database.write() as session:
            dto = _create(session, client_id, data)
        return Outcome(dto, Changed(clients=frozenset({client_id}),
                                    sessions=frozenset({dto.id})))

    def create_many(self, client_id: uuid.UUID,
                    items: list[SessionInput]) -> Outcome[list[SessionDTO]]:
        """Create several sessions of one client in one unit of work: all or none.

        Each goes through the same validation and numbering as :meth:`create`, in order;
        used when many sessions arrive at once (the demo caseload, an import).
        """
        for data in items:
            _validate(data)
        with self._vault.database.write() as session:
            dtos = _create_many(session, client_id, items)
        return Outcome(dtos, Changed(clients=frozenset({client_id}),
                                     sessions=frozenset(d.id for d in dtos)))

    def update(self, session_id: uuid.UUID, data: SessionInput) -> Outcome[SessionDTO]:
        _validate(data)
        with self._vault.database.write() as session:
            row = get_or_404(session, TherapySession, session_id)
            number = data.number or row.number
            _ensure_free_number(session, row.client_id, number, session_id)
            row.number, row.date, row.start_time = number, data.date, data.start_time
            row.duration_minutes, row.kind = data.duration_minutes, data.kind
            row.attendance = data.attendance
            dto = session_dto(row)
        return Outcome(dto, Changed(clients=frozenset({dto.client_id}),
                                    sessions=frozenset({session_id})))

    def delete(self, session_id: uuid.UUID) -> Outcome[None]:
        """Delete a session with its notes, revisions and marks (audited)."""
        with self._vault.database.write() as session:
            row = get_or_404(session, TherapySession, session_id)
            client_id, number = row.client_id, row.number
            session.delete(row)
            audit.record(session, "delete", "session", session_id, {"number": number})
        return Outcome(None, Changed(clients=frozenset({client_id}),
                                     sessions=frozenset({session_id})))
