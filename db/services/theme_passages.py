"""Every passage marked with one theme, across a client's sessions or the whole caseload.

A read-only query for the "Passages" list (the theme editor, the Marks panel and the
timeline open it): one unit of work, frozen DTOs, no write, ever.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db.models import Client, Mark, Theme, TherapySession
from db.services.base import DatabaseProvider, get_or_404


@dataclass(frozen=True)
class ThemePassageDTO:
    mark_id: uuid.UUID
    session_id: uuid.UUID
    client_id: uuid.UUID
    client_code: str
    session_number: int
    date: date
    note_kind: str  # the note the passage is in
    quote: str
    comment: str
    intensity: int
    lost: bool  # the words were deleted from the note since; the quote is what was marked


@dataclass(frozen=True)
class ThemePassagesDTO:
    theme_id: uuid.UUID
    theme_name: str
    passages: tuple[ThemePassageDTO, ...]  # oldest session first, then place in the note


class ThemePassageService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def for_theme(self, theme_id: uuid.UUID,
                  client_id: uuid.UUID | None = None) -> ThemePassagesDTO:
        """The passages marked with ``theme_id`` (of ``client_id`` only, if given).

        Raises ``NotFound`` for an unknown theme. Marks on a whole session, with no
        passage, are not listed.
        """
        with self._vault.database.read() as session:
            theme = get_or_404(session, Theme, theme_id)
            query = (select(Mark, TherapySession, Client.code)
                     .join(TherapySession, Mark.session_id == TherapySession.id)
                     .join(Client, TherapySession.client_id == Client.id)
                     .where(Mark.theme_id == theme_id, Mark.anchor_text.is_not(None)))
            if client_id is not None:
                query = query.where(TherapySession.client_id == client_id)
            rows = session.execute(query).all()
            passages = tuple(sorted((
                ThemePassageDTO(mark.id, therapy.id, therapy.client_id, code, therapy.number,
                                therapy.date, mark.note_kind or "", mark.anchor_text or "",
                                mark.comment, mark.intensity, mark.anchor_lost_at is not None)
                for mark, therapy, code in rows),
                key=lambda p: (p.date, p.session_number, p.client_code, p.note_kind,
                               p.quote)))
            return ThemePassagesDTO(theme.id, theme.name, passages)
