"""The sync tables (migration 0009) and the triggers that fill the outbox.

The sync tables live outside the SQLAlchemy models, like the full-text index: they are
bookkeeping of this device, reached with plain SQL by :mod:`db.sync` only.

**Capture.** Every synced table has three triggers that write the row's id to
``sync_outbox`` in the same transaction as the change, whatever code made it (a service,
a bulk statement, a cascade, an import). They fire only while ``sync_state.capture`` is 1:
a vault that does not sync records nothing, and applying other devices' changes turns
capture off for its own transaction. A migration that rebuilds a synced table drops its
triggers; :func:`ensure_triggers` puts them back (it runs whenever sync opens).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.sync import keys
from db.triggers import lifted

STATE = "sync_state"
DEVICES = "sync_device"
OUTBOX = "sync_outbox"
VERSIONS = "sync_version"
SENT = "sync_sent"
CONFLICTS = "sync_conflict"
TABLES = frozenset({STATE, DEVICES, OUTBOX, VERSIONS, SENT, CONFLICTS})

#: Tables whose rows travel between devices, parents before children. Drafts (crash
#: recovery of one machine), vault settings (several are this device's: the last backup,
#: the signing key) and the audit log (each device keeps its own chain) stay local.
#: The practice tables (templates, scales, scores: migration 0008) joined in 0013.
SYNCED = (
    "client",
    "goal",
    "goal_review",
    "theme_category",
    "theme",
    "therapy_session",
    "note_revision",
    "addendum",
    "mark",
    "relational_episode",
    "note_template",
    "client_template",
    "measure_scale",
    "measure_score",
    CONFLICTS,
)

DDL = (
    f"""CREATE TABLE {STATE} (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        capture INTEGER NOT NULL DEFAULT 0,
        device_id TEXT NOT NULL,
        device_name TEXT NOT NULL,
        next_seq INTEGER NOT NULL DEFAULT 1,
        hlc INTEGER NOT NULL DEFAULT 0,
        folder TEXT NOT NULL DEFAULT '',
        last_sync_at TEXT,
        last_file_at TEXT)""",
    f"""CREATE TABLE {DEVICES} (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        applied_seq INTEGER NOT NULL DEFAULT 0,
        last_seen_at TEXT,
        blocked TEXT)""",
    f"""CREATE TABLE {OUTBOX} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('i', 'u', 'd')),
        old TEXT,
        at INTEGER NOT NULL)""",
    f"CREATE INDEX ix_{OUTBOX}_row ON {OUTBOX} (tbl, row_id)",
    f"""CREATE TABLE {VERSIONS} (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        hlc INTEGER NOT NULL,
        device TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        row TEXT,
        PRIMARY KEY (tbl, row_id))""",
    f"""CREATE TABLE {SENT} (
        seq INTEGER PRIMARY KEY,
        data BLOB NOT NULL)""",
    f"""CREATE TABLE {CONFLICTS} (
        id CHAR(32) PRIMARY KEY,
        kind TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id CHAR(32) NOT NULL,
        other_id CHAR(32),
        detected_at TEXT NOT NULL,
        resolved_at TEXT)""",
)

_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
_WHEN = f"WHEN (SELECT capture FROM {STATE} WHERE id = 1) = 1"


def _columns(conn: Connection | Session, table: str) -> list[str]:
    return [row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))]


def trigger_sql(conn: Connection | Session, table: str) -> dict[str, str]:
    """The three capture triggers of ``table``, by name."""
    old = ", ".join(f"'{c}', OLD.{c}" for c in _columns(conn, table))
    body = f"INSERT INTO {OUTBOX} (tbl, row_id, op, old, at) VALUES ('{table}', "
    new, gone = keys.id_sql(table, "NEW"), keys.id_sql(table, "OLD")
    return {
        f"sync_{table}_ai": f"CREATE TRIGGER sync_{table}_ai AFTER INSERT ON {table} {_WHEN} "
                            f"BEGIN {body}{new}, 'i', NULL, {_NOW_MS}); END",
        f"sync_{table}_au": f"CREATE TRIGGER sync_{table}_au AFTER UPDATE ON {table} {_WHEN} "
                            f"BEGIN {body}{new}, 'u', NULL, {_NOW_MS}); END",
        f"sync_{table}_ad": f"CREATE TRIGGER sync_{table}_ad AFTER DELETE ON {table} {_WHEN} "
                            f"BEGIN {body}{gone}, 'd', json_object({old}), {_NOW_MS}); END",
    }


def ensure_triggers(conn: Connection | Session) -> int:
    """(Re)create every capture trigger that is missing or out of date; returns how many."""
    existing = {row[0]: row[1] for row in conn.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"))}
    made = 0
    for table in SYNCED:
        for name, sql in trigger_sql(conn, table).items():
            if existing.get(name) != sql:
                if name in existing:
                    conn.execute(text(f"DROP TRIGGER {name}"))
                conn.execute(text(sql))
                made += 1
    return made


def queue_all(conn: Connection | Session, tables: tuple[str, ...], at_ms: int) -> None:
    """Queue every row of ``tables`` for export (a new group's first files, or tables that
    a newer Threadline syncs and an older one did not)."""
    for table in tables:
        conn.execute(text(
            f"INSERT INTO {OUTBOX} (tbl, row_id, op, old, at) "
            f"SELECT '{table}', {keys.id_sql(table)}, 'u', NULL, :at FROM {table}"),
            {"at": at_ms})


def drop_triggers(conn: Connection | Session, tables: tuple[str, ...] = SYNCED) -> None:
    for table in tables:
        for name in ("ai", "au", "ad"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS sync_{table}_{name}"))


def is_sync_table(name: str | None) -> bool:
    return name in TABLES



@contextmanager
def idle_inserts(session: Session) -> Iterator[None]:
    """Within the caller's write transaction: while this vault is not capturing, its
    INSERT triggers (which would only check ``capture`` and do nothing) are lifted for the
    block (:func:`db.triggers.lifted`), so a bulk insert such as an import does not run a
    trigger program per row (a third of an import's SQLite time; docs/performance-notes.md,
    "The import, fourth pass"). While it captures, nothing changes: every row is queued.
    The code inside must not turn capture on.
    """
    row = session.execute(text(f"SELECT capture FROM {STATE} WHERE id = 1")).first()
    if row is not None and row[0] == 1:
        yield
        return
    with lifted(session, "sync\\_%\\_ai"):
        yield
