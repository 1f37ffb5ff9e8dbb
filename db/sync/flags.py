"""The conflict flags a clinician resolves: what was kept on two devices, and where.

Flags are rows of ``sync_conflict``; they travel like any synced row, so resolving one on
one computer resolves it on all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.services.base import DatabaseProvider
from db.sync import schema


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str           # edited_on_two_devices, kept_deleted_elsewhere, restored_for_new_work
    entity: str         # the table: therapy_session, client, …
    entity_id: str
    client_code: str    # the client it concerns ("" when not found)
    session_number: int | None


def _where(session: Session, entity: str, entity_id: str) -> tuple[str, int | None]:
    if entity == "therapy_session":
        row = session.execute(text(
            "SELECT c.code, s.number FROM therapy_session s JOIN client c ON c.id = s.client_id"
            " WHERE s.id = :id"), {"id": entity_id}).first()
        return (row[0], row[1]) if row else ("", None)
    if entity == "client":
        code = session.execute(text("SELECT code FROM client WHERE id = :id"),
                               {"id": entity_id}).scalar()
        return (code or "", None)
    return "", None


def open_flags(vault: DatabaseProvider) -> list[Flag]:
    with vault.database.read() as session:
        rows = session.execute(text(
            f"SELECT id, kind, entity, entity_id FROM {schema.CONFLICTS} "
            f"WHERE resolved_at IS NULL ORDER BY detected_at, id")).all()
        return [Flag(ident, kind, entity, entity_id, *_where(session, entity, entity_id))
                for ident, kind, entity, entity_id in rows]


def resolve(vault: DatabaseProvider, flag_id: str) -> None:
    """Mark a flag resolved (captured and sent like any change)."""
    with vault.database.write() as session:
        mark_resolved(session, flag_id, utcnow())


def mark_resolved(session: Session, flag_id: str, at: datetime) -> None:
    """:func:`resolve` inside the caller's unit of work."""
    session.execute(text(f"UPDATE {schema.CONFLICTS} SET resolved_at = :at WHERE id = :id"),
                    {"at": at.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f"),
                     "id": flag_id})
