"""Prepare a supervision export (a read, nothing written) and record that one was made.

The names the vault knows: every client's display name and code, the other person of
every relational episode (the words of it that are not common words: "her boss Tom"
gives "Tom", "mother" gives nothing), and the clinician's own lists of names and places
(vault settings ``supervision_names`` and ``supervision_places``). Each export draws a new
client code and a new date offset that no earlier export of this vault used (they are
kept in the vault setting ``supervision_used``); the audit log records the export with
counts only.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.models import Client, RelationalEpisode, Theme, TherapySession, VaultSetting
from db.services import audit
from db.services.base import DatabaseProvider, get_or_404
from db.services.dto import Changed, Outcome
from db.supervision.document import SupervisionChoice, SupervisionDocument
from db.supervision.gather import gather
from db.supervision.pseudonym import Pseudonymiser, common_words

NAMES, PLACES, USED = "supervision_names", "supervision_places", "supervision_used"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MIN_OFFSET, MAX_OFFSET = 30, 1095
MAX_LIST = 2000
MAX_ENTRY = 120


def _setting(session: Session, key: str, default: Any) -> Any:
    row = session.get(VaultSetting, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def _put(session: Session, key: str, value: Any) -> None:
    row = session.get(VaultSetting, key)
    if row is None:
        session.add(VaultSetting(key=key, value=json.dumps(value)))
    else:
        row.value = json.dumps(value)


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _draw(used: list[Any]) -> tuple[str, int]:
    codes = {u.get("code") for u in used if isinstance(u, dict)}
    offsets = {u.get("offset") for u in used if isinstance(u, dict)}
    while True:
        code = "SV-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))
        span = MAX_OFFSET - MIN_OFFSET + 1
        offset = MIN_OFFSET + secrets.randbelow(span)
        offset = -offset if secrets.randbelow(2) else offset
        if code not in codes and offset not in offsets:
            return code, offset


def _other_people(session: Session) -> list[str]:
    found = []
    for value in session.scalars(select(RelationalEpisode.other_person).distinct()):
        words = [w.strip(".,;:'’") for w in re.split(r"\s+", value)]
        found += [w for w in words if len(w) > 1 and w.casefold() not in common_words()]
    return found


def _shipped_words(session: Session) -> frozenset[str]:
    words: set[str] = set()
    for name in session.scalars(select(Theme.name).where(Theme.key.is_not(None))):
        words |= {w.casefold() for w in re.findall(r"[^\W\d_]+", name)}
    return frozenset(words)


class SupervisionService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def lists(self) -> tuple[list[str], list[str]]:
        """The clinician's own lists of names and of places to replace."""
        with self._vault.database.read() as session:
            return (_strings(_setting(session, NAMES, [])),
                    _strings(_setting(session, PLACES, [])))

    def set_lists(self, names: list[str], places: list[str]) -> Outcome[None]:
        cleaned = [[" ".join(v.split()) for v in values if v.strip()]
                   for values in (names, places)]
        if any(len(values) > MAX_LIST for values in cleaned):
            raise ValidationError(f"A list can hold at most {MAX_LIST} entries.")
        if any(len(v) > MAX_ENTRY for values in cleaned for v in values):
            raise ValidationError(f"An entry can have at most {MAX_ENTRY} characters.")
        with self._vault.database.write() as session:
            _put(session, NAMES, cleaned[0])
            _put(session, PLACES, cleaned[1])
        return Outcome(None, Changed(settings=True))

    def prepare(self, choice: SupervisionChoice) -> SupervisionDocument:
        """The pseudonymised document for ``choice``; writes nothing."""
        if choice.date_from and choice.date_to and choice.date_from > choice.date_to:
            raise ValidationError("The start of the period is after its end.")
        with self._vault.database.read() as session:
            client = get_or_404(session, Client, choice.client_id)
            code, offset = _draw(_setting(session, USED, []))
            clients = list(session.scalars(select(Client)))
            names = [c.display_name for c in clients if c.display_name.strip()]
            names += _other_people(session)
            own_names, places = (_strings(_setting(session, NAMES, [])),
                                 _strings(_setting(session, PLACES, [])))
            codes = {c.code: (code if c.id == client.id else "[another client]")
                     for c in clients}
            pseudonymiser = Pseudonymiser(names + own_names, places, codes, offset,
                                          _shipped_words(session))
            sessions = [s for s in session.scalars(
                select(TherapySession).where(TherapySession.client_id == client.id)
                .order_by(TherapySession.number))
                if (choice.date_from is None or s.date >= choice.date_from)
                and (choice.date_to is None or s.date <= choice.date_to)]
            sections, notes = gather(session, client, sessions, choice, pseudonymiser)
            return SupervisionDocument(client.id, code, offset, tuple(sections),
                                       len(sessions), notes)

    def record_export(self, document: SupervisionDocument, kind: str) -> Outcome[None]:
        """After the file is written: the audit event (counts only) and the used code and
        offset, so no later export repeats them."""
        with self._vault.database.write() as session:
            used = _setting(session, USED, [])
            used = used if isinstance(used, list) else []
            used.append({"code": document.code, "offset": document.offset_days})
            _put(session, USED, used)
            audit.record(session, "supervision_export", "client", document.client_id, {
                "format": kind, "sessions": document.sessions, "notes": document.notes,
                "replacements": document.replaced_count()})
        return Outcome(None, Changed(settings=True))
