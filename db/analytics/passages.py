"""The marks behind one timeline cell: a theme in one session, its passages in note order.

A click on a cell opens the session at the passages marked with that theme. Merged themes
count as the theme they were merged into, as in the grid; a passage whose words were
deleted counts as a mark on the whole session, as in the grid.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.analytics.taxonomy import TaxonomyIndex
from db.anchors import Anchor
from db.errors import NotFound
from db.models import Mark, TherapySession
from db.services.passages import passage_state
from db.vocabulary import NoteKind

#: Process note first, then progress note (the order of the cell's preview).
NOTE_ORDER: dict[str, int] = {kind: order for order, kind in enumerate(NoteKind)}


@dataclass(frozen=True)
class MarkedPassage:
    """One passage marked with the theme: in which note, and where."""

    mark_id: uuid.UUID
    note_kind: str
    anchor: Anchor
    intensity: int


@dataclass(frozen=True)
class CellMarks:
    """What a timeline cell stands for.

    ``passages`` are in note order (process note first, then by position);
    ``session_marks`` counts the marks on the session as a whole (including passages whose
    words are gone).
    """

    client_id: uuid.UUID
    session_id: uuid.UUID
    theme_id: uuid.UUID
    theme_name: str
    theme_color: str
    passages: tuple[MarkedPassage, ...]
    session_marks: int


def load_cell_marks(session: Session, session_id: uuid.UUID, theme_id: uuid.UUID
                    ) -> CellMarks:
    """Raises :class:`~db.errors.NotFound` for an unknown session or theme."""
    client_id = session.execute(
        select(TherapySession.client_id).where(TherapySession.id == session_id)).scalar()
    taxonomy = TaxonomyIndex.load(session)
    if client_id is None or theme_id not in taxonomy.themes:
        raise NotFound
    theme = taxonomy.target(theme_id)
    passages: list[MarkedPassage] = []
    whole = 0
    for mark in session.scalars(select(Mark).where(Mark.session_id == session_id)):
        if mark.theme_id not in taxonomy.themes or taxonomy.target(mark.theme_id) != theme:
            continue
        state = passage_state(mark)
        if state.anchor is None or state.lost or state.note_kind not in NOTE_ORDER:
            whole += 1
            continue
        passages.append(MarkedPassage(mark.id, state.note_kind, state.anchor, mark.intensity))
    passages.sort(key=lambda p: (NOTE_ORDER[p.note_kind], p.anchor.start))
    return CellMarks(client_id, session_id, theme.id, theme.name, theme.color, tuple(passages),
                     whole)
