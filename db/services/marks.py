"""Marks: a theme on a whole session or on a passage of its note, with intensity and comment.

Tagging is analysis, not note text, so marks may be added to a finalized note; each such
change is written to the audit log (ids only, never the comment).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.errors import ValidationError
from db.models import Mark, Theme, ThemeCategory, TherapySession
from db.services import audit
from db.services.base import DatabaseProvider, get_or_404, insert_rows, load_many
from db.services.dto import Changed, Outcome
from db.services.passages import (
    PassageInput,
    PassageState,
    passage_state,
    passage_values,
    write_passage,
)
from db.services.theme_edits import theme_is_offered

INTENSITIES = {1: "hinted", 2: "clear", 3: "dominant"}
MAX_COMMENT = 4000


@dataclass(frozen=True)
class MarkInput:
    theme_id: uuid.UUID
    intensity: int = 2
    comment: str = ""
    passage: PassageInput | None = None  # None: the whole session


@dataclass(frozen=True)
class MarkDTO:
    id: uuid.UUID
    session_id: uuid.UUID
    theme_id: uuid.UUID
    theme_key: str | None
    theme_name: str
    theme_color: str
    theme_offered: bool  # False for an archived or merged theme: shown, not offered
    intensity: int
    comment: str
    passage: PassageState
    created_at: datetime

    @property
    def intensity_word(self) -> str:
        return INTENSITIES[self.intensity]


def _check(intensity: int, comment: str) -> str:
    if intensity not in INTENSITIES:
        raise ValidationError("Intensity is 1 (hinted), 2 (clear) or 3 (dominant).",
                              field="intensity")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError(f"A comment has at most {MAX_COMMENT} characters.",
                              field="comment")
    return comment


def mark_dto(session: Session, row: Mark) -> MarkDTO:
    theme = get_or_404(session, Theme, row.theme_id)
    return MarkDTO(row.id, row.session_id, theme.id, theme.key, theme.name, theme.color,
                   theme_is_offered(session, theme), row.intensity, row.comment,
                   passage_state(row), row.created_at)


def _audit_if_finalized(session: Session, sess: TherapySession, action: str,
                        mark_id: uuid.UUID, theme_id: uuid.UUID) -> None:
    if sess.finalized_at is not None:
        audit.record(session, action, "session", sess.id,
                     {"mark": str(mark_id), "theme": str(theme_id)})


def _changed(session_id: uuid.UUID, client_id: uuid.UUID) -> Changed:
    return Changed(clients=frozenset({client_id}), sessions=frozenset({session_id}))


def _check_theme(session: Session, sess: TherapySession, theme_id: uuid.UUID,
                 offered: Callable[[Theme], bool]) -> Theme:
    theme = get_or_404(session, Theme, theme_id)
    if not offered(theme):
        raise ValidationError("That theme is archived; choose another.", field="theme")
    if theme.client_id is not None and theme.client_id != sess.client_id:
        raise ValidationError("That pattern belongs to another client.", field="theme")
    return theme


def _add(session: Session, session_id: uuid.UUID, data: MarkInput,
         comment: str) -> tuple[TherapySession, Mark]:
    sess = get_or_404(session, TherapySession, session_id)
    theme = _check_theme(session, sess, data.theme_id, partial(theme_is_offered, session))
    # The id is given here, not at flush: the audit event of a finalized note names it.
    row = Mark(id=uuid.uuid4(), session_id=session_id, theme_id=theme.id,
               intensity=data.intensity, comment=comment)
    write_passage(row, data.passage)
    session.add(row)
    _audit_if_finalized(session, sess, "mark_finalized", row.id, theme.id)
    return sess, row


def _add_many(session: Session, items: list[tuple[uuid.UUID, MarkInput]],
              comments: list[str]) -> set[uuid.UUID]:
    """What :func:`_add` does for each item, written with one bulk insert and one
    chain of audit events; returns the clients touched."""
    # Each theme is checked once per call: nothing here changes the taxonomy.
    offered: dict[uuid.UUID, bool] = {}

    def is_offered(theme: Theme) -> bool:
        if theme.id not in offered:
            offered[theme.id] = theme_is_offered(session, theme)
        return offered[theme.id]

    rows: list[dict[str, object]] = []
    events: list[audit.Event] = []
    clients: set[uuid.UUID] = set()
    for (session_id, data), comment in zip(items, comments, strict=True):
        sess = get_or_404(session, TherapySession, session_id)
        theme = _check_theme(session, sess, data.theme_id, is_offered)
        mark_id, now = uuid.uuid4(), utcnow()
        rows.append({"id": mark_id, "session_id": session_id, "theme_id": theme.id,
                     "intensity": data.intensity, "comment": comment,
                     **passage_values(data.passage), "created_at": now, "updated_at": now})
        if sess.finalized_at is not None:
            events.append(audit.Event("mark_finalized", "session", sess.id,
                                      {"mark": str(mark_id), "theme": str(theme.id)}))
        clients.add(sess.client_id)
    insert_rows(session, Mark, rows)
    if events:
        audit.record_many(session, events)
    return clients


class MarkService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def list_for_session(self, session_id: uuid.UUID) -> list[MarkDTO]:
        """Passage marks in text order, then session-level marks in the order made."""
        with self._vault.database.read() as session:
            get_or_404(session, TherapySession, session_id)
            rows = session.scalars(select(Mark).where(Mark.session_id == session_id)
                                   .order_by(Mark.created_at))
            dtos = [mark_dto(session, r) for r in rows]
        return sorted(dtos, key=lambda m: (
            m.passage.anchor is None, m.passage.note_kind or "",
            m.passage.anchor.start if m.passage.anchor else 0))

    def list_for_client(self, client_id: uuid.UUID) -> list[MarkDTO]:
        """Every mark of a client's sessions (for timelines and analytics)."""
        with self._vault.database.read() as session:
            rows = session.scalars(select(Mark).join(TherapySession)
                                   .where(TherapySession.client_id == client_id)
                                   .order_by(TherapySession.number, Mark.created_at))
            return [mark_dto(session, r) for r in rows]

    def get(self, mark_id: uuid.UUID) -> MarkDTO:
        with self._vault.database.read() as session:
            return mark_dto(session, get_or_404(session, Mark, mark_id))

    def add(self, session_id: uuid.UUID, data: MarkInput) -> Outcome[MarkDTO]:
        """Mark a session (or a passage of its note) with an offered theme.

        Allowed on a finalized note, and audited there.
        """
        comment = _check(data.intensity, data.comment)
        with self._vault.database.write() as session:
            sess, row = _add(session, session_id, data, comment)
            session.flush()
            dto = mark_dto(session, row)
        return Outcome(dto, _changed(session_id, sess.client_id))

    def add_many(self, items: list[tuple[uuid.UUID, MarkInput]]) -> Outcome[int]:
        """Add several marks, each ``(session_id, data)``, in one unit of work: all or none.

        The same checks as :meth:`add`; used when many marks arrive at once (the demo
        caseload, an import). The value is how many were added.
        """
        comments = [_check(data.intensity, data.comment) for _, data in items]
        with self._vault.database.write() as session:
            # Held while adding, so sessions and the (small) taxonomy are read only once.
            held = (load_many(session, TherapySession, {sid for sid, _ in items}),
                    session.scalars(select(Theme)).all(),
                    session.scalars(select(ThemeCategory)).all())
            clients = _add_many(session, items, comments)
            del held
        return Outcome(len(items), Changed(clients=frozenset(clients),
                                           sessions=frozenset(sid for sid, _ in items)))

    def update(self, mark_id: uuid.UUID, intensity: int, comment: str) -> Outcome[MarkDTO]:
        comment = _check(intensity, comment)

        def change(row: Mark) -> None:
            row.intensity, row.comment = intensity, comment

        return self._edit(mark_id, change)

    def make_session_level(self, mark_id: uuid.UUID) -> Outcome[MarkDTO]:
        """Detach a mark from its passage on purpose (it keeps its theme and comment)."""
        return self._edit(mark_id, lambda row: write_passage(row, None))

    def _edit(self, mark_id: uuid.UUID, change: Callable[[Mark], object]) -> Outcome[MarkDTO]:
        """Change one mark in one unit of work; in a finalized session the audit log says so."""
        with self._vault.database.write() as session:
            row = get_or_404(session, Mark, mark_id)
            sess = get_or_404(session, TherapySession, row.session_id)
            change(row)
            _audit_if_finalized(session, sess, "mark_finalized_edit", row.id, row.theme_id)
            dto = mark_dto(session, row)
        return Outcome(dto, _changed(sess.id, sess.client_id))

    def delete(self, mark_id: uuid.UUID) -> Outcome[MarkDTO]:
        """Remove a mark; returns what it was, so the GUI can offer to put it back."""
        with self._vault.database.write() as session:
            row = get_or_404(session, Mark, mark_id)
            sess = get_or_404(session, TherapySession, row.session_id)
            dto = mark_dto(session, row)
            _audit_if_finalized(session, sess, "mark_finalized_delete", row.id, row.theme_id)
            session.delete(row)
        return Outcome(dto, _changed(sess.id, sess.client_id))
