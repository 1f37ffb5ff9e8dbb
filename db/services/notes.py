"""Process and progress notes: saving, revisions, crash-safe drafts, finalizing, addenda.

Revision policy (no text a clinician wrote is ever lost):

* the stored note always holds the latest saved text;
* a revision (append-only snapshot) is taken on every explicit save, on close, on
  finalize, and during autosave at most every ``REVISION_INTERVAL``;
* before a save that removes ``LARGE_DELETION`` characters or more, the text being
  replaced is snapshotted first, so a large deletion can always be undone;
* unsaved typing lives in an encrypted draft row until the next save.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.errors import NoteFinalized, ValidationError
from db.models import Addendum, Client, NoteDraft, NoteRevision, TherapySession
from db.models.base import utcnow
from db.models.sessions import NOTE_KINDS
from db.services import audit
from db.services.base import DatabaseProvider, get_or_404, load_many
from db.services.dto import AddendumDTO, Changed, DraftDTO, NoteDTO, Outcome, RevisionDTO

REVISION_INTERVAL = timedelta(minutes=5)
LARGE_DELETION = 200
SAVE_REASONS = ("autosave", "manual", "close", "recovered", "restored")


def _check_kind(kind: str) -> None:
    if kind not in NOTE_KINDS:
        raise ValidationError("Unknown note kind.", field="kind")


def _note_dto(row: TherapySession, drafts: dict[str, str]) -> NoteDTO:
    addenda = tuple(AddendumDTO(a.id, a.text, a.written_at) for a in row.addenda)
    return NoteDTO(row.id, row.client_id, row.number, row.date, row.process_note,
                   row.progress_note, row.finalized_at, addenda, drafts)


def _snapshot(session: Session, session_id: uuid.UUID, kind: str, text: str,
              reason: str) -> None:
    session.add(NoteRevision(session_id=session_id, kind=kind, text=text, saved_at=utcnow(),
                             reason=reason))


def _latest_revision(session: Session, session_id: uuid.UUID, kind: str) -> NoteRevision | None:
    return session.scalars(
        select(NoteRevision).where(NoteRevision.session_id == session_id,
                                   NoteRevision.kind == kind)
        .order_by(NoteRevision.saved_at.desc()).limit(1)).first()


def _check_save(kind: str, reason: str) -> None:
    _check_kind(kind)
    if reason not in SAVE_REASONS:
        raise ValueError(f"unknown save reason {reason!r}")


def _latest_saved_at(session: Session, session_id: uuid.UUID, kind: str) -> datetime | None:
    """When the newest snapshot was taken (its text is not read: it can be long)."""
    return session.scalar(
        select(func.max(NoteRevision.saved_at)).where(NoteRevision.session_id == session_id,
                                                      NoteRevision.kind == kind))


def _save(session: Session, session_id: uuid.UUID, kind: str, text: str,
          reason: str) -> TherapySession:
    row = get_or_404(session, TherapySession, session_id)
    if row.finalized_at is not None:
        raise NoteFinalized
    attr = f"{kind}_note"
    old: str = getattr(row, attr)
    session.execute(delete(NoteDraft).where(NoteDraft.session_id == session_id,
                                            NoteDraft.kind == kind))
    if text != old:
        # An autosave snapshots at most once per interval, counted from the last snapshot
        # before this save.
        saved_at = _latest_saved_at(session, session_id, kind) if reason == "autosave" else None
        if len(old) - len(text) >= LARGE_DELETION:
            latest = _latest_revision(session, session_id, kind)
            if latest is None or latest.text != old:
                _snapshot(session, session_id, kind, old, "before-deletion")
        setattr(row, attr, text)
        if reason != "autosave" or saved_at is None or \
                utcnow() - saved_at >= REVISION_INTERVAL:
            _snapshot(session, session_id, kind, text, reason)
    elif reason != "autosave":
        latest = _latest_revision(session, session_id, kind)
        if latest is None or latest.text != text:
            _snapshot(session, session_id, kind, text, reason)
    return row


def _finalize(session: Session, session_id: uuid.UUID) -> TherapySession:
    row = _seal(session, session_id)
    audit.record(session, "finalize", "session", session_id)
    return row


def _seal(session: Session, session_id: uuid.UUID) -> TherapySession:
    """Finalize without the audit event: snapshot what changed, drop drafts, sign."""
    row = get_or_404(session, TherapySession, session_id)
    if row.finalized_at is not None:
        raise NoteFinalized("This note is already finalized.")
    for kind in NOTE_KINDS:
        text = getattr(row, f"{kind}_note")
        latest = _latest_revision(session, session_id, kind)
        if text and (latest is None or latest.text != text):
            _snapshot(session, session_id, kind, text, "finalize")
    session.execute(delete(NoteDraft).where(NoteDraft.session_id == session_id))
    row.finalized_at = utcnow()
    return row


class NoteService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def load(self, session_id: uuid.UUID) -> NoteDTO:
        with self._vault.database.read() as session:
            row = get_or_404(session, TherapySession, session_id)
            drafts = {d.kind: d.text for d in session.scalars(
                select(NoteDraft).where(NoteDraft.session_id == session_id))
                if d.text != (row.process_note if d.kind == "process" else row.progress_note)}
            return _note_dto(row, drafts)

    def save(self, session_id: uuid.UUID, kind: str, text: str,
             reason: str = "autosave") -> Outcome[NoteDTO]:
        """Store ``text`` as the note; raises :class:`NoteFinalized` once finalized."""
        _check_save(kind, reason)
        with self._vault.database.write() as session:
            dto = _note_dto(_save(session, session_id, kind, text, reason), {})
        return Outcome(dto, Changed(sessions=frozenset({session_id})))

    def save_many(self, items: list[tuple[uuid.UUID, str, str]],
                  reason: str = "manual") -> Outcome[None]:
        """Save several notes, each ``(session_id, kind, text)``, in one unit of work.

        The same checks and revision policy as :meth:`save`, applied in order; all or
        none are stored. Each note may appear once: as no item reads what another wrote,
        the unit of work is flushed once at the end instead of before every query.
        Used when many notes arrive at once (the demo caseload, an import).
        """
        for _, kind, _ in items:
            _check_save(kind, reason)
        if len({(sid, kind) for sid, kind, _ in items}) != len(items):
            raise ValueError("save_many takes each note at most once")
        with self._vault.database.write() as session:
            loaded = load_many(session, TherapySession, {sid for sid, _, _ in items})
            with session.no_autoflush:
                for session_id, kind, text in items:
                    _save(session, session_id, kind, text, reason)
            session.flush()
            del loaded
        return Outcome(None, Changed(sessions=frozenset(sid for sid, _, _ in items)))

    # --- drafts --------------------------------------------------------------------------

    def save_draft(self, session_id: uuid.UUID, kind: str, text: str) -> None:
        """Keep unsaved typing safe; cheap enough to call every second or two."""
        _check_kind(kind)
        with self._vault.database.write() as session:
            draft = session.get(NoteDraft, (session_id, kind))
            if draft is None:
                session.add(NoteDraft(session_id=session_id, kind=kind, text=text,
                                      updated_at=utcnow()))
            else:
                draft.text, draft.updated_at = text, utcnow()

    def pending_drafts(self) -> list[DraftDTO]:
        """Drafts whose text differs from the saved note (left by a crash)."""
        with self._vault.database.read() as session:
            rows = session.execute(
                select(NoteDraft, TherapySession, Client.code)
                .join(TherapySession, TherapySession.id == NoteDraft.session_id)
                .join(Client, Client.id == TherapySession.client_id)
                .order_by(NoteDraft.updated_at))
            return [DraftDTO(s.id, code, s.number, d.kind, d.text, d.updated_at)
                    for d, s, code in rows if d.text != getattr(s, f"{d.kind}_note")]

    def discard_draft(self, session_id: uuid.UUID, kind: str) -> None:
        with self._vault.database.write() as session:
            session.execute(delete(NoteDraft).where(NoteDraft.session_id == session_id,
                                                    NoteDraft.kind == kind))

    # --- finalizing and addenda ----------------------------------------------------------

    def finalize(self, session_id: uuid.UUID) -> Outcome[NoteDTO]:
        """Make both notes read-only, signed with the current date and time (audited)."""
        with self._vault.database.write() as session:
            dto = _note_dto(_finalize(session, session_id), {})
        return Outcome(dto, Changed(sessions=frozenset({session_id})))

    def finalize_many(self, session_ids: list[uuid.UUID]) -> Outcome[None]:
        """Finalize several sessions' notes in one unit of work, as :meth:`finalize` does.

        Each session at most once: as none reads what another wrote, the notes are sealed
        with one flush at the end, then the audit events are chained.
        """
        if len(set(session_ids)) != len(session_ids):
            raise ValueError("finalize_many takes each session at most once")
        with self._vault.database.write() as session:
            loaded = load_many(session, TherapySession, set(session_ids))
            with session.no_autoflush:
                for session_id in session_ids:
                    _seal(session, session_id)
            session.flush()
            for session_id in session_ids:
                audit.record(session, "finalize", "session", session_id)
            del loaded
        return Outcome(None, Changed(sessions=frozenset(session_ids)))

    def add_addendum(self, session_id: uuid.UUID, text: str) -> Outcome[AddendumDTO]:
        if not text.strip():
            raise ValidationError("An addendum needs some text.", field="text")
        with self._vault.database.write() as session:
            row = get_or_404(session, TherapySession, session_id)
            if row.finalized_at is None:
                raise ValidationError("Addenda are for finalized notes; edit the note instead.")
            addendum = Addendum(session_id=session_id, text=text.strip(), written_at=utcnow())
            session.add(addendum)
            session.flush()
            audit.record(session, "addendum", "session", session_id)
            dto = AddendumDTO(addendum.id, addendum.text, addendum.written_at)
        return Outcome(dto, Changed(sessions=frozenset({session_id})))

    # --- revisions -----------------------------------------------------------------------

    def revisions(self, session_id: uuid.UUID, kind: str) -> list[RevisionDTO]:
        """Every snapshot of one note, newest first."""
        _check_kind(kind)
        with self._vault.database.read() as session:
            return [RevisionDTO(r.id, r.kind, r.saved_at, r.reason, r.text)
                    for r in session.scalars(
                        select(NoteRevision).where(NoteRevision.session_id == session_id,
                                                   NoteRevision.kind == kind)
                        .order_by(NoteRevision.saved_at.desc()))]
