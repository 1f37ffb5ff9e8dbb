"""The audit log: append-only, hash-chained, never holding note text.

Each event's hash is SHA-256 over its own fields and the previous event's hash, so
removing, reordering or editing an event breaks the chain from that point on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.models import AuditEvent
from db.services.base import DatabaseProvider
from db.services.dto import AuditEventDTO
from db.vault.database import AUDIT_HEAD

GENESIS = "0" * 64
Detail = dict[str, str | int | bool | None]


def _digest(seq: int, at: datetime, action: str, entity_type: str, entity_id: str,
            detail: str, prev_hash: str) -> str:
    payload = json.dumps(
        [seq, at.isoformat(), action, entity_type, entity_id, detail, prev_hash],
        separators=(",", ":"), ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class Event(NamedTuple):
    """One event to append (see :func:`record`)."""

    action: str
    entity_type: str = ""
    entity_id: object = ""
    detail: Detail | None = None


def record(session: Session, action: str, entity_type: str = "", entity_id: object = "",
           detail: Detail | None = None) -> None:
    """Append an event inside the caller's unit of work.

    ``detail`` holds ids, counts and flags only; callers never put client text in it.
    """
    record_many(session, [Event(action, entity_type, entity_id, detail)])


def record_many(session: Session, events: Iterable[Event]) -> None:
    """Append events in order inside the caller's unit of work, chaining them in memory
    after one read of the last event (bulk variants of the services)."""
    # max() rather than ORDER BY … LIMIT ?, which SQLite prepares again on every run.
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.seq == select(func.max(AuditEvent.seq)).scalar_subquery())
    ).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    for event in events:
        seq += 1
        at = utcnow().replace(microsecond=0)
        detail_text = json.dumps(event.detail or {}, sort_keys=True, separators=(",", ":"))
        ident = str(event.entity_id)
        digest = _digest(seq, at, event.action, event.entity_type, ident, detail_text, prev)
        session.add(AuditEvent(
            seq=seq, at=at, action=event.action, entity_type=event.entity_type,
            entity_id=ident, detail=detail_text, prev_hash=prev, hash=digest,
        ))
        prev = digest
    session.info[AUDIT_HEAD] = (seq, prev)


class AuditService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def record(self, action: str, entity_type: str = "", entity_id: object = "",
               detail: Detail | None = None) -> None:
        """Record an event in a unit of work of its own (e.g. ``unlock``)."""
        with self._vault.database.write() as session:
            record(session, action, entity_type, entity_id, detail)

    def events(self, limit: int | None = None) -> list[AuditEventDTO]:
        with self._vault.database.read() as session:
            query = select(AuditEvent).order_by(AuditEvent.seq.desc())
            if limit is not None:
                query = query.limit(limit)
            return [AuditEventDTO(e.seq, e.at, e.action, e.entity_type, e.entity_id, e.detail)
                    for e in session.scalars(query)]

    def count(self) -> int:
        with self._vault.database.read() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent)) or 0

    def verify_chain(self) -> int | None:
        """Return the sequence number of the first broken event, or None if intact."""
        with self._vault.database.read() as session:
            prev = GENESIS
            expected_seq = 1
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
                digest = _digest(e.seq, e.at, e.action, e.entity_type, e.entity_id,
                                 e.detail, prev)
                if e.seq != expected_seq or e.prev_hash != prev or e.hash != digest:
                    return e.seq
                prev, expected_seq = e.hash, e.seq + 1
        return None
