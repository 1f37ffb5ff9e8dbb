"""Passages of a note that marks and episodes are pinned to, kept truthful across edits.

The editor moves anchors live (``db.anchors.apply_edit``) and hands the result to
:meth:`PassageService.save`. On opening a note, :meth:`PassageService.sync` checks every
anchor against the saved text and re-finds drifted ones by quote and context; an anchor
whose words are gone turns its mark or episode into a session-level one and records when
(``anchor_lost_at``), keeping the quote so the app can say what was lost.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.anchors import Anchor, relocate
from db.clock import utcnow
from db.errors import ValidationError
from db.models import Mark, RelationalEpisode, TherapySession
from db.services.base import DatabaseProvider, get_or_404
from db.services.dto import Changed, Outcome
from db.vocabulary import NoteKind, is_one_of

LOST_MESSAGE = "passage deleted — now a session mark"


@dataclass(frozen=True)
class PassageInput:
    """A selected passage: offsets into the note as the editor shows it, and the quote."""

    note_kind: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def of(cls, note_kind: str, anchor: Anchor) -> PassageInput:
        return cls(note_kind, anchor.start, anchor.end, anchor.text, anchor.prefix,
                   anchor.suffix)


@dataclass(frozen=True)
class PassageState:
    """Where a mark's or episode's passage stands: live ``anchor``, or lost, or none."""

    note_kind: str | None
    anchor: Anchor | None
    quote: str  # the anchored words; kept after the passage was deleted
    lost_at: datetime | None

    @property
    def is_passage(self) -> bool:
        return self.anchor is not None

    @property
    def lost(self) -> bool:
        return self.lost_at is not None


@dataclass(frozen=True)
class PassageRef:
    """One anchored item of a note, for the editor's anchor tracker."""

    owner: str  # "mark" or "episode"
    id: uuid.UUID
    anchor: Anchor | None  # None: the words are gone (when saving)


Anchored = Mark | RelationalEpisode


def check_passage(passage: PassageInput) -> None:
    if not is_one_of(NoteKind, passage.note_kind):
        raise ValidationError("Unknown note kind.", field="note_kind")
    try:
        Anchor(passage.start, passage.end, passage.text)
    except ValueError:
        raise ValidationError("Select some words of the note first.", field="passage") from None


def passage_values(passage: PassageInput | None) -> dict[str, object]:
    """The anchor columns of a mark or episode pinned to ``passage`` (none: all empty)."""
    if passage is None:
        return dict.fromkeys(("note_kind", "anchor_start", "anchor_end", "anchor_text",
                              "anchor_prefix", "anchor_suffix", "anchor_lost_at"))
    check_passage(passage)
    return {"note_kind": passage.note_kind, "anchor_start": passage.start,
            "anchor_end": passage.end, "anchor_text": passage.text,
            "anchor_prefix": passage.prefix, "anchor_suffix": passage.suffix,
            "anchor_lost_at": None}


def write_passage(row: Anchored, passage: PassageInput | None) -> None:
    for column, value in passage_values(passage).items():
        setattr(row, column, value)


def passage_state(row: Anchored) -> PassageState:
    anchor = None
    if row.anchor_start is not None and row.anchor_end is not None and row.anchor_text:
        anchor = Anchor(row.anchor_start, row.anchor_end, row.anchor_text,
                        row.anchor_prefix or "", row.anchor_suffix or "")
    return PassageState(row.note_kind, anchor, row.anchor_text or "", row.anchor_lost_at)


def _move(row: Anchored, anchor: Anchor | None, at: datetime) -> bool:
    """Store a moved anchor (or its loss); True when the passage itself changed.

    Fresh context alone is written but not counted: it only helps later re-finding.
    """
    if anchor is None:
        if row.anchor_start is None:
            return False
        row.anchor_start = row.anchor_end = None
        row.anchor_lost_at = at
        return True
    moved = (anchor.start, anchor.end, anchor.text) != (row.anchor_start, row.anchor_end,
                                                        row.anchor_text)
    (row.anchor_start, row.anchor_end, row.anchor_text, row.anchor_prefix,
     row.anchor_suffix) = (anchor.start, anchor.end, anchor.text, anchor.prefix, anchor.suffix)
    return moved


def _anchored_rows(session: Session, session_id: uuid.UUID,
                   kind: str) -> list[tuple[str, Anchored]]:
    rows: list[tuple[str, Anchored]] = [("mark", r) for r in session.scalars(
        select(Mark).where(Mark.session_id == session_id, Mark.note_kind == kind,
                           Mark.anchor_start.is_not(None)))]
    rows += [("episode", r) for r in session.scalars(
        select(RelationalEpisode).where(RelationalEpisode.session_id == session_id,
                                        RelationalEpisode.note_kind == kind,
                                        RelationalEpisode.anchor_start.is_not(None)))]
    return rows


class PassageService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def anchors(self, session_id: uuid.UUID, kind: str) -> list[PassageRef]:
        """The live anchors of one note (marks and episodes), in text order."""
        with self._vault.database.read() as session:
            refs = [PassageRef(owner, row.id, passage_state(row).anchor)
                    for owner, row in _anchored_rows(session, session_id, kind)]
        return sorted(refs, key=lambda r: r.anchor.start if r.anchor else -1)

    def save(self, session_id: uuid.UUID, kind: str, refs: list[PassageRef],
             text: str | None = None) -> Outcome[int]:
        """Store anchors the editor moved; ``anchor=None`` records that the words are gone.

        With ``text`` (the note as saved) each anchor's context is refreshed from it.
        Returns how many items changed. A note's save stores its anchors itself
        (:meth:`NoteService.save` with ``anchors``), in the same transaction as its text.
        """
        with self._vault.database.write() as session:
            get_or_404(session, TherapySession, session_id)
            changed = store_anchors(session, session_id, kind, refs, text)
        return Outcome(changed, Changed(sessions=frozenset({session_id})) if changed
                       else Changed())

    def sync(self, session_id: uuid.UUID, kind: str, text: str | None = None) -> Outcome[int]:
        """Check every anchor of a note against its saved text (or ``text``), re-finding
        drifted ones and turning those whose words are gone into session-level items.

        Reads first: the write transaction is opened only when an anchor moved or was
        lost, so opening a note never waits for a write (or the integrity check).
        """
        with self._vault.database.read() as session:
            if not _drifted(session, session_id, kind, text):
                return Outcome(0, Changed())
        at = utcnow()
        changed = 0
        with self._vault.database.write() as session:
            saved = _note_text(session, session_id, kind) if text is None else text
            for _, row in _anchored_rows(session, session_id, kind):
                anchor = passage_state(row).anchor
                assert anchor is not None
                changed += _move(row, relocate(anchor, saved), at)
        return Outcome(changed, Changed(sessions=frozenset({session_id})) if changed
                       else Changed())


def _note_text(session: Session, session_id: uuid.UUID, kind: str) -> str:
    row = get_or_404(session, TherapySession, session_id)
    return str(getattr(row, f"{kind}_note") or "")


def _drifted(session: Session, session_id: uuid.UUID, kind: str, text: str | None) -> bool:
    """Whether any anchor of the note no longer sits on its words in the saved text."""
    saved = _note_text(session, session_id, kind) if text is None else text
    for _, row in _anchored_rows(session, session_id, kind):
        anchor = passage_state(row).anchor
        assert anchor is not None
        found = relocate(anchor, saved)
        if found is None or (found.start, found.end) != (anchor.start, anchor.end):
            return True
    return False


def store_anchors(session: Session, session_id: uuid.UUID, kind: str,
                  refs: list[PassageRef], text: str | None) -> int:
    """Store the editor's anchors of one note inside the caller's transaction; returns how
    many passages changed (moved or lost). Items deleted meanwhile are skipped."""
    at = utcnow()
    changed = 0
    for ref in refs:
        row: Anchored | None = (session.get(Mark, ref.id) if ref.owner == "mark"
                                else session.get(RelationalEpisode, ref.id))
        if row is None or row.session_id != session_id or row.note_kind != kind:
            continue  # deleted meanwhile, or not this note's
        if row.anchor_start is None and ref.anchor is not None:
            continue  # already session-level: a stale editor must not bring it back
        anchor = ref.anchor
        if anchor is not None and text is not None:
            anchor = relocate(anchor, text)
        changed += _move(row, anchor, at)
    return changed
