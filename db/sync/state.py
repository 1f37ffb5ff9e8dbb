"""This device's sync state, the group's key, and small SQL helpers shared by export and
apply. Plain SQL over the sync tables (db.sync.schema); callers hold the transaction."""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.errors import SyncNotStarted
from db.sync import keys, schema

#: The vault setting holding the group id and key. It travels in backups (so a restored
#: backup can join the group) like every vault setting that is not private.
GROUP_SETTING = "sync_group"
Row = dict[str, Any]


@dataclass(frozen=True)
class Group:
    id: str       # 32 hex, the same on every device of the group; named in the folder
    key: bytes    # 32 random bytes; only ever inside the encrypted vault (and its backups)


@dataclass(frozen=True)
class State:
    device_id: str
    device_name: str
    next_seq: int
    hlc: int
    folder: str
    last_sync_at: str | None


def new_group() -> Group:
    return Group(secrets.token_hex(16), secrets.token_bytes(32))


def group_json(group: Group) -> str:
    return json.dumps({"group": group.id, "key": base64.b64encode(group.key).decode()})


def parse_group(value: str) -> Group | None:
    try:
        data = json.loads(value)
        key = base64.b64decode(data["key"], validate=True)
        ident = data["group"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(ident, str) or len(ident) != 32 or len(key) != 32:
        return None
    return Group(ident, key)


def read_group(session: Session) -> Group | None:
    value = session.execute(text("SELECT value FROM vault_setting WHERE key = :k"),
                            {"k": GROUP_SETTING}).scalar()
    return parse_group(value) if isinstance(value, str) else None


def store_group(session: Session, group: Group) -> None:
    session.execute(text("INSERT INTO vault_setting (key, value) VALUES (:k, :v) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                    {"k": GROUP_SETTING, "v": group_json(group)})


def read_state(session: Session) -> State | None:
    row = session.execute(text(
        f"SELECT device_id, device_name, next_seq, hlc, folder, last_sync_at "
        f"FROM {schema.STATE} WHERE id = 1")).first()
    return State(*row) if row is not None else None


def require(session: Session) -> tuple[State, Group]:
    state, group = read_state(session), read_group(session)
    if state is None or group is None:
        raise SyncNotStarted
    return state, group


def set_capture(session: Session, on: bool) -> None:
    session.execute(text(f"UPDATE {schema.STATE} SET capture = :on WHERE id = 1"),
                    {"on": int(on)})


def columns(session: Session, table: str) -> list[str]:
    return [row[1] for row in session.execute(text(f"PRAGMA table_info({table})"))]


def fetch_row(session: Session, table: str, row_id: str) -> Row | None:
    where, params = keys.where(table, row_id)
    result = session.execute(text(f"SELECT * FROM {table} WHERE {where}"), params)
    row = result.mappings().first()
    return dict(row) if row is not None else None


@dataclass(frozen=True)
class Version:
    hlc: int
    device: str
    deleted: bool
    row: Row | None


def version_of(session: Session, table: str, row_id: str) -> Version | None:
    row = session.execute(text(
        f"SELECT hlc, device, deleted, row FROM {schema.VERSIONS} "
        f"WHERE tbl = :t AND row_id = :id"), {"t": table, "id": row_id}).first()
    if row is None:
        return None
    return Version(row[0], row[1], bool(row[2]), json.loads(row[3]) if row[3] else None)


def set_version(session: Session, table: str, row_id: str, hlc: int, device: str,
                deleted_row: Row | None = None) -> None:
    session.execute(text(
        f"INSERT INTO {schema.VERSIONS} (tbl, row_id, hlc, device, deleted, row) "
        f"VALUES (:t, :id, :h, :d, :x, :r) ON CONFLICT(tbl, row_id) DO UPDATE SET "
        f"hlc = excluded.hlc, device = excluded.device, deleted = excluded.deleted, "
        f"row = excluded.row"),
        {"t": table, "id": row_id, "h": hlc, "d": device, "x": int(deleted_row is not None),
         "r": json.dumps(deleted_row, sort_keys=True) if deleted_row is not None else None})


def is_pending(session: Session, table: str, row_id: str) -> bool:
    return session.execute(text(
        f"SELECT 1 FROM {schema.OUTBOX} WHERE tbl = :t AND row_id = :id LIMIT 1"),
        {"t": table, "id": row_id}).first() is not None


def emit(session: Session, table: str, row_id: str, now_ms: int) -> None:
    """Queue a row for export by hand (apply runs with capture off)."""
    session.execute(text(
        f"INSERT INTO {schema.OUTBOX} (tbl, row_id, op, old, at) "
        f"VALUES (:t, :id, 'u', NULL, :at)"), {"t": table, "id": row_id, "at": now_ms})


def emit_deletion(session: Session, table: str, row_id: str, old: Row, now_ms: int) -> None:
    """Queue a deletion made by hand while applying (capture is off), with the old row."""
    session.execute(text(
        f"INSERT INTO {schema.OUTBOX} (tbl, row_id, op, old, at) "
        f"VALUES (:t, :id, 'd', :old, :at)"),
        {"t": table, "id": row_id, "old": json.dumps(old, sort_keys=True), "at": now_ms})


def deleted_ids(session: Session, table: str) -> set[str]:
    """Ids of ``table`` whose last version here is a deletion (this device's or another's)."""
    return {str(row[0]) for row in session.execute(text(
        f"SELECT row_id FROM {schema.VERSIONS} WHERE tbl = :t AND deleted = 1"), {"t": table})}
