"""Bring in notes written elsewhere: a folder of ``.txt``/``.md`` files, one per session.

:func:`preview` reads the folder (see :mod:`db.interchange.folder_scan` for the layout and
the dates it understands) and the vault's client codes, and changes nothing; it returns
a :class:`FolderPlan` holding the very texts that :func:`apply` will store, so what the
clinician saw is what is imported even if the files change in between. :func:`apply`
creates the plan's clients and sessions in one transaction (sessions are numbered after
those a client already has), with bulk INSERT statements.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, insert, select

from db.clock import utcnow
from db.interchange.folder_scan import PlannedSession, SkippedFile, scan
from db.models import Client, NoteRevision, TherapySession
from db.services import audit
from db.services.dto import Changed
from db.vault.database import Database
from db.vocabulary import NoteKind

__all__ = ["FolderPlan", "PlannedClient", "PlannedSession", "SkippedFile", "apply", "preview"]


@dataclass(frozen=True)
class PlannedClient:
    """A client folder and the client its sessions go to."""

    folder: str
    code: str
    new: bool  # no client with this code (in any case) is in the vault yet
    sessions: int


@dataclass(frozen=True)
class FolderPlan:
    """What importing a folder will create, and every file it will skip with the reason."""

    sessions: tuple[PlannedSession, ...]
    clients: tuple[PlannedClient, ...]
    skipped: tuple[SkippedFile, ...]

    @property
    def new_clients(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.clients if c.new)

    def summary(self) -> str:
        """E.g. "12 sessions for 3 clients (2 new); 1 file skipped."."""
        sessions, clients = len(self.sessions), len(self.clients)
        return (f"{_count(sessions, 'session')} for {_count(clients, 'client')} "
                f"({len(self.new_clients)} new); {_count(len(self.skipped), 'file')} skipped.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clients(sessions: Iterable[PlannedSession], known: dict[str, str]) -> list[PlannedClient]:
    grouped: dict[str, list[PlannedSession]] = {}
    for s in sessions:
        grouped.setdefault(s.client_code.casefold(), []).append(s)
    clients = []
    for key, group in grouped.items():
        folders = sorted({s.folder for s in group})
        clients.append(PlannedClient(" · ".join(folders), known.get(key, group[0].client_code),
                                     key not in known, len(group)))
    return sorted(clients, key=lambda c: c.code.casefold())


def preview(folder: Path, database: Database) -> FolderPlan:
    """What :func:`apply` would create from ``folder``; reads the vault, changes nothing.

    Raises :class:`~db.errors.ThreadlineError` only when ``folder`` is not a readable
    folder; every file that cannot be imported is in :attr:`FolderPlan.skipped` instead.
    """
    found = scan(Path(folder))
    with database.read() as session:
        known = {code.casefold(): code for code in session.scalars(select(Client.code))}
    sessions = tuple(replace(s, client_code=known.get(s.client_code.casefold(), s.client_code))
                     for s in found.sessions)
    return FolderPlan(sessions, tuple(_clients(sessions, known)), found.skipped)


def apply(plan: FolderPlan, database: Database) -> Changed:
    """Create the plan's clients and sessions in one transaction; returns what changed."""
    now = utcnow()
    with database.write() as session:
        ids = {code.casefold(): ident for code, ident in session.execute(
            select(Client.code, Client.id))}
        new_clients = []
        for s in plan.sessions:
            key = s.client_code.casefold()
            if key not in ids:
                ids[key] = uuid.uuid4()
                new_clients.append({"id": ids[key], "code": s.client_code,
                                    "created_at": now, "updated_at": now})
        if new_clients:
            session.execute(insert(Client), new_clients)
        touched = {ids[s.client_code.casefold()] for s in plan.sessions}
        numbers: dict[uuid.UUID, int] = dict(session.execute(
            select(TherapySession.client_id, func.max(TherapySession.number))
            .where(TherapySession.client_id.in_(touched))
            .group_by(TherapySession.client_id)).all())
        rows: list[dict[str, object]] = []
        revisions: list[dict[str, object]] = []
        created: set[uuid.UUID] = set()
        for s in plan.sessions:
            client_id = ids[s.client_code.casefold()]
            numbers[client_id] = (numbers.get(client_id) or 0) + 1
            ident = uuid.uuid4()
            created.add(ident)
            rows.append({"id": ident, "client_id": client_id, "number": numbers[client_id],
                         "date": s.date, "process_note": s.text, "created_at": now,
                         "updated_at": now})
            revisions.append({"id": uuid.uuid4(), "session_id": ident, "kind": NoteKind.PROCESS,
                              "text": s.text, "saved_at": now, "reason": "imported"})
        if rows:
            session.execute(insert(TherapySession), rows)
            session.execute(insert(NoteRevision), revisions)
        audit.record(session, "folder_import", detail={"clients": len(touched),
                                                        "new_clients": len(new_clients),
                                                        "sessions": len(rows)})
    return Changed(clients=frozenset(touched), sessions=frozenset(created))
