"""Bring in notes written elsewhere: a folder of ``.txt``/``.md`` files, one per session.

Layout: ``<folder>/<client code>/<file>``, or the files directly in a folder named after
the client. The session date comes from the file name (``2024-03-05.md``,
``2024-03-05-2.md`` for a second session that day) or else from the first line
(``2024-03-05`` or ``05.03.2024``, which is then not kept as note text). :func:`preview`
reads and changes nothing; :func:`apply` creates the clients and sessions of a preview in
one transaction (sessions are numbered after those a client already has).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select

from db.errors import ThreadlineError
from db.models import Client, NoteRevision, TherapySession
from db.models.base import utcnow
from db.services import audit
from db.services.dto import Changed
from db.vault.database import Database

SUFFIXES = (".txt", ".md")
MAX_NOTE_BYTES = 2 * 1024 * 1024
_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[-_ ](\d{1,3}))?")
_ISO = re.compile(r"\s*(?:#+\s*)?(\d{4}-\d{2}-\d{2})\b.*")
_DOTTED = re.compile(r"\s*(?:#+\s*)?(\d{1,2})\.(\d{1,2})\.(\d{4})\b.*")


@dataclass(frozen=True)
class PlannedSession:
    client_code: str
    date: date
    order: int  # the n of ``-n`` in the file name; 1 otherwise
    source: str  # the file, relative to the imported folder
    text: str


@dataclass(frozen=True)
class FolderPlan:
    sessions: tuple[PlannedSession, ...]
    new_clients: tuple[str, ...]
    skipped: tuple[str, ...]  # one sentence per file that will not be imported

    def summary(self) -> str:
        return (f"{len(self.sessions)} sessions for {len({s.client_code for s in self.sessions})}"
                f" clients ({len(self.new_clients)} new); {len(self.skipped)} files skipped.")


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1").replace("\r\n", "\n")


def _date_from_first_line(text: str) -> tuple[date | None, str]:
    first, _, rest = text.partition("\n")
    try:
        if match := _ISO.fullmatch(first):
            return date.fromisoformat(match.group(1)), rest.lstrip("\n")
        if match := _DOTTED.fullmatch(first):
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day), rest.lstrip("\n")
    except ValueError:
        pass
    return None, text


def _plan_file(path: Path, code: str, relative: str) -> PlannedSession | str:
    if path.stat().st_size > MAX_NOTE_BYTES:
        return f"{relative} is too large to be one session's note; skipped."
    try:
        text = _read_text(path)
    except OSError:
        return f"{relative} could not be read; skipped."
    order = 1
    when: date | None = None
    if match := _NAME_DATE.fullmatch(path.stem):
        try:
            when = date.fromisoformat(match.group(1))
        except ValueError:
            return f"{relative} is named after a date that does not exist; skipped."
        order = int(match.group(2) or 1)
    else:
        when, text = _date_from_first_line(text)
    if when is None:
        return f"{relative} has no date in its name or first line; skipped."
    if len(code) > 40:
        return f"{relative}: the folder name is longer than a client code may be; skipped."
    return PlannedSession(code, when, order, relative, text.strip("\n") + "\n")


def preview(folder: Path, database: Database) -> FolderPlan:
    """What :func:`apply` would create from ``folder``; reads the vault, changes nothing."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ThreadlineError("That is not a folder of notes.")
    planned: list[PlannedSession] = []
    skipped: list[str] = []
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    groups = [(p.name, p) for p in subfolders] or [(folder.name, folder)]
    for code, place in groups:
        for path in sorted(place.iterdir()):
            relative = str(path.relative_to(folder))
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix.lower() not in SUFFIXES:
                skipped.append(f"{relative} is not a .txt or .md file; skipped.")
                continue
            outcome = _plan_file(path, code.strip(), relative)
            (skipped if isinstance(outcome, str) else planned).append(outcome)  # type: ignore[arg-type]
    planned.sort(key=lambda s: (s.client_code.casefold(), s.date, s.order, s.source))
    with database.read() as session:
        known = {c.casefold() for c in session.scalars(select(Client.code))}
    new = sorted({s.client_code for s in planned if s.client_code.casefold() not in known},
                 key=str.casefold)
    return FolderPlan(tuple(planned), tuple(new), tuple(skipped))


def apply(plan: FolderPlan, database: Database) -> Changed:
    """Create the plan's clients and sessions in one transaction."""
    now = utcnow()
    with database.write() as session:
        ids = {code.casefold(): ident for code, ident in session.execute(
            select(Client.code, Client.id))}
        clients: set[object] = set()
        sessions: set[object] = set()
        for s in plan.sessions:
            key = s.client_code.casefold()
            if key not in ids:
                client = Client(code=s.client_code)
                session.add(client)
                session.flush()
                ids[key] = client.id
            client_id = ids[key]
            clients.add(client_id)
            number = (session.scalar(select(func.max(TherapySession.number)).where(
                TherapySession.client_id == client_id)) or 0) + 1
            row = TherapySession(client_id=client_id, number=number, date=s.date,
                                 process_note=s.text)
            session.add(row)
            session.flush()
            sessions.add(row.id)
            session.execute(insert(NoteRevision), [{
                "session_id": row.id, "kind": "process", "text": s.text, "saved_at": now,
                "reason": "imported"}])
        audit.record(session, "folder_import", detail={"clients": len(clients),
                                                        "sessions": len(sessions)})
    return Changed(clients=frozenset(clients), sessions=frozenset(sessions))  # type: ignore[arg-type]
