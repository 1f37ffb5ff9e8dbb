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
from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from functools import partial
from typing import NamedTuple

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.orm import Session

from db.clock import Clock, utcnow
from db.errors import NoteFinalized, ValidationError
from db.models import Addendum, Client, NoteDraft, NoteRevision, TherapySession
from db.search.pending import catch_up
from db.services import audit
from db.services.base import (
    DatabaseProvider,
    get_or_404,
    in_chunks,
    load_many,
    update_column,
)
from db.services.dto import AddendumDTO, Changed, DraftDTO, NoteDTO, Outcome, RevisionDTO
from db.services.passages import PassageRef, store_anchors
from db.vocabulary import NoteKind, RevisionReason, is_one_of

REVISION_INTERVAL = timedelta(minutes=5)
LARGE_DELETION = 200
SAVE_REASONS = (RevisionReason.AUTOSAVE, RevisionReason.MANUAL, RevisionReason.CLOSE,
                RevisionReason.RECOVERED, RevisionReason.RESTORED)


def _check_kind(kind: str) -> None:
    if not is_one_of(NoteKind, kind):
        raise ValidationError("Unknown note kind.", field="kind")


def _note_dto(row: TherapySession, drafts: dict[str, str]) -> NoteDTO:
    addenda = tuple(AddendumDTO(a.id, a.text, a.written_at) for a in row.addenda)
    return NoteDTO(row.id, row.client_id, row.number, row.date, row.process_note,
                   row.progress_note, row.finalized_at, addenda, drafts)


def _snapshot(session: Session, session_id: uuid.UUID, kind: str, text: str,
              reason: str, now: datetime) -> None:
    session.add(NoteRevision(session_id=session_id, kind=kind, text=text, saved_at=now,
                             reason=reason))


class Revision(NamedTuple):
    """What the revision policy needs of a note's newest snapshot."""

    text: str
    saved_at: datetime


#: The newest snapshot of each note, by ``(session_id, kind)``.
Newest = dict[tuple[uuid.UUID, str], Revision]


def _newest_revisions(session: Session, session_ids: Collection[uuid.UUID]) -> Newest:
    """The newest snapshot of every note of these sessions, one query per ``IDS_PER_QUERY``.

    Grouping, not ``ORDER BY … LIMIT ?`` per note: besides the round trips, SQLite
    prepares a statement with a bound ``LIMIT`` again every time it runs.
    """
    ids = list(session_ids)
    newest: Newest = {}
    for chunk in in_chunks(ids):
        latest = (select(NoteRevision.session_id, NoteRevision.kind,
                         func.max(NoteRevision.saved_at).label("saved_at"))
                  .where(NoteRevision.session_id.in_(chunk))
                  .group_by(NoteRevision.session_id, NoteRevision.kind).subquery())
        rows = session.execute(
            select(NoteRevision.session_id, NoteRevision.kind, NoteRevision.text,
                   NoteRevision.saved_at)
            .join(latest, and_(NoteRevision.session_id == latest.c.session_id,
                               NoteRevision.kind == latest.c.kind,
                               NoteRevision.saved_at == latest.c.saved_at)))
        for session_id, kind, text, saved_at in rows:
            newest[(session_id, kind)] = Revision(text, saved_at)
    return newest


def _check_save(kind: str, reason: str) -> None:
    _check_kind(kind)
    if reason not in SAVE_REASONS:
        raise ValueError(f"unknown save reason {reason!r}")


def _editable(session: Session, session_id: uuid.UUID) -> TherapySession:
    row = get_or_404(session, TherapySession, session_id)
    if row.finalized_at is not None:
        raise NoteFinalized
    return row


def _snapshots(old: str, text: str, reason: str, newest: Callable[[], Revision | None],
               newest_at: Callable[[], datetime | None],
               now: datetime) -> list[tuple[str, str]]:
    """The revision policy for saving ``text`` over ``old``: the snapshots to take, as
    ``(text, reason)`` in order.

    ``newest`` (the newest snapshot with its text) and ``newest_at`` (only when it was
    taken) are asked only when needed: an ordinary autosave reads no snapshot text, which
    for a long note is most of a save's cost.
    """
    snapshots: list[tuple[str, str]] = []
    if text != old:
        if len(old) - len(text) >= LARGE_DELETION:
            latest = newest()
            if latest is None or latest.text != old:
                snapshots.append((old, RevisionReason.BEFORE_DELETION))
        if reason != RevisionReason.AUTOSAVE:
            snapshots.append((text, reason))
        else:  # at most once per interval, counted from the last snapshot before this save
            saved_at = newest_at()
            if saved_at is None or now - saved_at >= REVISION_INTERVAL:
                snapshots.append((text, reason))
    elif reason != RevisionReason.AUTOSAVE:
        latest = newest()
        if latest is None or latest.text != text:
            snapshots.append((text, reason))
    return snapshots


def _latest_saved_at(session: Session, session_id: uuid.UUID, kind: str) -> datetime | None:
    """When the newest snapshot of a note was taken (its text is not read: it can be long)."""
    return session.scalar(
        select(func.max(NoteRevision.saved_at)).where(NoteRevision.session_id == session_id,
                                                      NoteRevision.kind == kind))


def _save(session: Session, session_id: uuid.UUID, kind: str, text: str,
          reason: str, now: datetime) -> TherapySession:
    row = _editable(session, session_id)
    session.execute(delete(NoteDraft).where(NoteDraft.session_id == session_id,
                                            NoteDraft.kind == kind))
    attr = f"{kind}_note"
    old: str = getattr(row, attr)
    for snapshot_text, snapshot_reason in _snapshots(
            old, text, reason,
            lambda: _newest_revisions(session, [session_id]).get((session_id, kind)),
            partial(_latest_saved_at, session, session_id, kind), now):
        _snapshot(session, session_id, kind, snapshot_text, snapshot_reason, now)
    if text != old:
        setattr(row, attr, text)
    if reason != RevisionReason.AUTOSAVE:
        # a deliberate save also brings the note's search entry up to date
        # (db.search.pending); autosaves leave that to search
        session.flush()
        catch_up(session, [session_id])
    return row


def replace_text(session: Session, session_id: uuid.UUID, kind: str, text: str,
                 now: datetime) -> TherapySession:
    """Put ``text`` in place of the note's whole text, inside the caller's unit of work
    (the text kept from another computer, chosen over the one the note holds). The text
    replaced is kept as a revision first (unless the newest one holds it already), so
    nothing is lost; raises :class:`NoteFinalized` once the note is finalized."""
    _check_kind(kind)
    row = _editable(session, session_id)
    old: str = getattr(row, f"{kind}_note")
    newest = _newest_revisions(session, [session_id]).get((session_id, kind))
    if old and old != text and (newest is None or newest.text != old):
        _snapshot(session, session_id, kind, old, RevisionReason.BEFORE_DELETION, now)
        session.flush()
        now += timedelta(microseconds=1)  # the history lists the replaced text just below
    return _save(session, session_id, kind, text, RevisionReason.RESTORED, now)


def _save_many(session: Session, items: list[tuple[uuid.UUID, str, str]],
               reason: str, now: datetime) -> None:
    """What :func:`_save` does for each item, in bulk statements.

    The notes are written kind by kind in a few statements, not row by row by the unit of
    work, which made the full-text index write itself out once for every note (see
    :func:`~db.services.base.insert_rows`).
    """
    newest = _newest_revisions(session, {sid for sid, _, _ in items})
    _drop_drafts(session, {(sid, kind) for sid, kind, _ in items})
    notes: dict[str, list[tuple[uuid.UUID, object]]] = {kind: [] for kind in NoteKind}
    revisions: list[dict[str, object]] = []
    for session_id, kind, text in items:
        old: str = getattr(_editable(session, session_id), f"{kind}_note")
        latest = newest.get((session_id, kind))
        for snapshot_text, snapshot_reason in _snapshots(
                old, text, reason, lambda: latest,  # noqa: B023 (called right here)
                lambda: None if latest is None else latest.saved_at, now):  # noqa: B023
            revisions.append({"id": uuid.uuid4(), "session_id": session_id, "kind": kind,
                              "text": snapshot_text, "saved_at": now,
                              "reason": snapshot_reason})
        if text != old:
            notes[kind].append((session_id, text))
    for kind, changes in notes.items():
        update_column(session, TherapySession, f"{kind}_note", changes)
    if revisions:
        session.execute(insert(NoteRevision), revisions)
    if reason != RevisionReason.AUTOSAVE:
        catch_up(session, {sid for sid, _, _ in items})


def _drop_drafts(session: Session, notes: set[tuple[uuid.UUID, str]]) -> None:
    """Delete the drafts of these notes: one query to find them, then only those."""
    ids = list({session_id for session_id, _ in notes})
    for chunk in in_chunks(ids):
        drafts = session.execute(select(NoteDraft.session_id, NoteDraft.kind)
                                 .where(NoteDraft.session_id.in_(chunk)))
        for session_id, kind in drafts.all():
            if (session_id, kind) in notes:
                session.execute(delete(NoteDraft).where(NoteDraft.session_id == session_id,
                                                        NoteDraft.kind == kind))


def _finalize(session: Session, session_id: uuid.UUID, now: datetime) -> TherapySession:
    row = _seal(session, session_id, _newest_revisions(session, [session_id]), now)
    session.execute(delete(NoteDraft).where(NoteDraft.session_id == session_id))
    catch_up(session, [session_id])
    audit.record(session, "finalize", "session", session_id)
    return row


def _seal(session: Session, session_id: uuid.UUID, newest: Newest,
          now: datetime) -> TherapySession:
    """Finalize without the audit event and the drafts: snapshot what changed, sign."""
    row = get_or_404(session, TherapySession, session_id)
    if row.finalized_at is not None:
        raise NoteFinalized("This note is already finalized.")
    for kind in NoteKind:
        text = getattr(row, f"{kind}_note")
        latest = newest.get((session_id, kind))
        if text and (latest is None or latest.text != text):
            _snapshot(session, session_id, kind, text, RevisionReason.FINALIZE, now)
    row.finalized_at = now
    return row


class NoteService:
    """``clock``: the time saves, revisions, drafts and signatures are stamped with (and the
    revision interval is counted in); tests pass one they can move on."""

    def __init__(self, vault: DatabaseProvider, clock: Clock = utcnow) -> None:
        self._vault = vault
        self._clock = clock

    def load(self, session_id: uuid.UUID) -> NoteDTO:
        with self._vault.database.read() as session:
            row = get_or_404(session, TherapySession, session_id)
            drafts = {d.kind: d.text for d in session.scalars(
                select(NoteDraft).where(NoteDraft.session_id == session_id))
                if d.text != (row.process_note if d.kind == "process" else row.progress_note)}
            return _note_dto(row, drafts)

    def save(self, session_id: uuid.UUID, kind: str, text: str,
             reason: str = RevisionReason.AUTOSAVE,
             anchors: list[PassageRef] | None = None) -> Outcome[NoteDTO]:
        """Store ``text`` as the note; raises :class:`NoteFinalized` once finalized.

        ``anchors``: the editor's passage anchors for this text (marks and episodes),
        stored in the same transaction, so text and anchors never fall out of step.
        """
        _check_save(kind, reason)
        with self._vault.database.write() as session:
            row = _save(session, session_id, kind, text, reason, self._clock())
            if anchors:
                store_anchors(session, session_id, kind, anchors, text)
            dto = _note_dto(row, {})
        return Outcome(dto, Changed(sessions=frozenset({session_id})))

    def save_many(self, items: list[tuple[uuid.UUID, str, str]],
                  reason: str = RevisionReason.MANUAL) -> Outcome[None]:
        """Save several notes, each ``(session_id, kind, text)``, in one unit of work.

        The same checks and revision policy as :meth:`save`, applied in order; all or
        none are stored. Each note may appear once: as no item reads what another wrote,
        the newest revisions are read once and the notes written in bulk statements.
        Used when many notes arrive at once (the demo caseload, an import).
        """
        for _, kind, _ in items:
            _check_save(kind, reason)
        if len({(sid, kind) for sid, kind, _ in items}) != len(items):
            raise ValueError("save_many takes each note at most once")
        with self._vault.database.write() as session:
            loaded = load_many(session, TherapySession, {sid for sid, _, _ in items})
            _save_many(session, items, reason, self._clock())
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
                                      updated_at=self._clock()))
            else:
                draft.text, draft.updated_at = text, self._clock()

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
            dto = _note_dto(_finalize(session, session_id, self._clock()), {})
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
            newest = _newest_revisions(session, session_ids)
            now = self._clock()
            with session.no_autoflush:
                for session_id in session_ids:
                    _seal(session, session_id, newest, now)
            for chunk in in_chunks(session_ids):
                session.execute(delete(NoteDraft).where(NoteDraft.session_id.in_(chunk)))
            catch_up(session, session_ids)
            audit.record_many(session, [audit.Event("finalize", "session", session_id)
                                        for session_id in session_ids])
            del loaded
        return Outcome(None, Changed(sessions=frozenset(session_ids)))

    def add_addendum(self, session_id: uuid.UUID, text: str) -> Outcome[AddendumDTO]:
        if not text.strip():
            raise ValidationError("An addendum needs some text.", field="text")
        with self._vault.database.write() as session:
            row = get_or_404(session, TherapySession, session_id)
            if row.finalized_at is None:
                raise ValidationError("Addenda are for finalized notes; edit the note instead.")
            addendum = Addendum(session_id=session_id, text=text.strip(),
                                written_at=self._clock())
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
