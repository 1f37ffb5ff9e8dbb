"""Apply one device's file: its changes merged into this vault in one transaction.

The rules (docs/sync.md, "Merging"), for each changed row:

* **The later version wins.** Versions are ordered by (HLC stamp, device id), the same on
  every device. A row this device changed and has not exported yet is newer than anything
  it receives (its export will be stamped after everything received).
* **A finalized note never changes.** A finalized session beats a draft whatever the
  stamps; the device whose draft text lost keeps it as an addendum.
* **Two edits of one draft keep both texts.** When a draft this device wrote is replaced
  by a version that did not see it, its texts become revisions and the session carries an
  "edited on two devices" flag (``sync_conflict``), both exported like any change.
* **Deleting never takes new work with it.** A row that other rows still reference here
  is not deleted: it is kept, flagged and sent again. A change that needs a row deleted
  here brings it back from its tombstone, flagged and sent again.
* **An upgrade's copy of a shipped theme does not undo a change here.** A shipped row sent
  by a device that knew no version of it, against a different version here (deleted,
  archived, merged, renamed), loses; this device sends its version again
  (``db.sync.shipped``).
* **Unique names and numbers**: of two rows that claim the same client code or session
  number, the one with the greater id moves (a new number, a suffixed code).

What is decided from local state is sent again as a change of this device, so every
device converges on the same rows. A change whose referenced row has not arrived yet
(another device's file still on its way) blocks the file: it is rolled back and tried
again later, nothing half-applied.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.sync import batch, keys, links, merges, schema, shipped, state, uniques
from db.sync.hlc import Version
from db.vocabulary import NoteKind, RevisionReason

SESSION = "therapy_session"
NOTE_KINDS = tuple(str(kind) for kind in NoteKind)
#: Namespace of the ids of conflict flags (the same flag on every device for one row).
FLAGS = uuid.UUID("5b0f8f5e-2b7e-4c1e-9c2a-7d1f0c6a9e41")
_INF = (1 << 62, "")


class Blocked(Exception):
    """A change needs a row this vault does not have yet; the file waits."""


@dataclass
class Applied:
    changes: int = 0
    won: int = 0
    kept: int = 0            # deletions refused: the row has new work here
    restored: int = 0        # rows brought back from a tombstone for new work
    conflicts: int = 0       # drafts edited on two devices
    addenda: int = 0         # edits of a note finalized elsewhere
    renamed: int = 0         # code or number clashes settled
    max_hlc: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    session: Session
    device: str              # this device
    now_ms: int
    now_text: str            # the vault's own time format, for rows made here
    result: Applied
    known_columns: dict[str, set[str]] = field(default_factory=dict)
    #: (table, id) of the rows this device has changed and not sent: read once per file,
    #: kept up to date by :meth:`emit`.
    pending: set[tuple[str, str]] | None = None
    cache: batch.Cache = field(init=False)

    def __post_init__(self) -> None:
        self.cache = batch.Cache(self.session)

    def is_pending(self, table: str, row_id: str) -> bool:
        if self.pending is None:
            self.pending = {(t, i) for t, i in self.session.execute(text(
                f"SELECT DISTINCT tbl, row_id FROM {schema.OUTBOX}"))}
        return (table, row_id) in self.pending

    def emit(self, table: str, row_id: str) -> None:
        state.emit(self.session, table, row_id, self.now_ms)
        if self.pending is not None:
            self.pending.add((table, row_id))

    def columns(self, table: str) -> set[str]:
        if table not in self.known_columns:
            self.known_columns[table] = set(state.columns(self.session, table))
        return self.known_columns[table]


def _key(change: dict[str, Any]) -> Version:
    return (int(change["v"]), str(change["d"]))


def _write(ctx: Context, table: str, row: dict[str, Any]) -> None:
    """Insert or update ``row``: a plain INSERT or UPDATE, not an upsert, because an
    upsert's conflict clause overrides the ``OR IGNORE`` of the search index's triggers."""
    local = ctx.columns(table)
    names = [name for name in row if name in local]
    key = keys.key_columns(table)
    name = keys.row_id(table, row)
    if name is None or any(column not in names for column in key):
        raise Blocked
    values = {f"v{i}": row[column] for i, column in enumerate(names)}
    where, params = keys.where(table, name)
    if ctx.cache.row(table, name) is not None:
        sets = ", ".join(f"{column} = :v{i}" for i, column in enumerate(names)
                         if column not in key)
        if sets:
            ctx.cache.execute(f"UPDATE {table} SET {sets} WHERE {where}", {**values, **params})
    else:
        marks = ", ".join(f":v{i}" for i in range(len(names)))
        ctx.cache.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values)
    ctx.cache.wrote(table, name, {column: row[column] for column in names})


def _flag(ctx: Context, kind: str, table: str, row_id: str, other: str | None = None) -> None:
    ident = uuid.uuid5(FLAGS, f"{kind}:{table}:{row_id}").hex
    ctx.session.execute(text(
        f"INSERT INTO {schema.CONFLICTS} (id, kind, entity, entity_id, other_id, detected_at, "
        f"resolved_at) VALUES (:id, :k, :t, :e, :o, :at, NULL) ON CONFLICT(id) DO UPDATE SET "
        f"other_id = excluded.other_id, detected_at = excluded.detected_at, "
        f"resolved_at = NULL"),
        {"id": ident, "k": kind, "t": table, "e": row_id, "o": other, "at": ctx.now_text})
    ctx.cache.forget(schema.CONFLICTS, ident)
    ctx.emit(schema.CONFLICTS, ident)


def _keep_texts(ctx: Context, local: dict[str, Any], incoming: dict[str, Any]) -> None:
    """This device's draft lost: its texts stay, as revisions or as addenda."""
    finalized_elsewhere = incoming.get("finalized_at") and not local.get("finalized_at")
    kept = None
    for kind in NOTE_KINDS:
        mine = local.get(f"{kind}_note") or ""
        if not mine or mine == (incoming.get(f"{kind}_note") or ""):
            continue
        ident = uuid.uuid4().hex
        if finalized_elsewhere:
            ctx.session.execute(text(
                "INSERT INTO addendum (id, session_id, text, written_at) "
                "VALUES (:id, :s, :x, :at)"),
                {"id": ident, "s": local["id"], "x": mine, "at": ctx.now_text})
            ctx.emit("addendum", ident)
            ctx.result.addenda += 1
        else:
            ctx.session.execute(text(
                "INSERT INTO note_revision (id, session_id, kind, text, saved_at, reason) "
                "VALUES (:id, :s, :k, :x, :at, :r)"),
                {"id": ident, "s": local["id"], "k": kind, "x": mine, "at": ctx.now_text,
                 "r": str(RevisionReason.BEFORE_DELETION)})
            ctx.emit("note_revision", ident)
            kept = ident
    if kept is not None:
        ctx.result.conflicts += 1
        _flag(ctx, "edited_on_two_devices", SESSION, str(local["id"]), kept)


def _ensure_parents(ctx: Context, table: str, row: dict[str, Any], depth: int = 0) -> None:
    for link in links.links_from(table):
        target = row.get(link.column)
        if target is None or link.target not in schema.SYNCED:
            continue
        if ctx.cache.row(link.target, str(target)) is not None:
            continue
        tomb = ctx.cache.version(link.target, str(target))
        if tomb is None or not tomb.deleted or tomb.row is None or depth > 8:
            raise Blocked  # not arrived yet
        _ensure_parents(ctx, link.target, tomb.row, depth + 1)
        _write(ctx, link.target, dict(tomb.row))
        ctx.emit(link.target, str(target))
        _flag(ctx, "restored_for_new_work", link.target, str(target))
        ctx.result.restored += 1


def _send_again(ctx: Context, table: str, row_id: str, current: state.Version) -> None:
    """Keep this device's version of a row and send it again (stamped after what came)."""
    if current.deleted:
        state.emit_deletion(ctx.session, table, row_id, current.row or {}, ctx.now_ms)
        if ctx.pending is not None:
            ctx.pending.add((table, row_id))
    else:
        ctx.emit(table, row_id)


def upsert(ctx: Context, change: dict[str, Any]) -> dict[str, Any] | None:
    """Write the change if it wins; returns the row written (its parents are checked
    once the whole file is written, since a file may list a child before its parent)."""
    table, row_id, row = change["t"], str(change["id"]), dict(change["r"])
    incoming = _key(change)
    current = ctx.cache.version(table, row_id)
    pending = ctx.is_pending(table, row_id)
    local = ctx.cache.row(table, row_id)
    mine: Version | None = _INF if pending else (
        (current.hlc, current.device) if current else None)
    wins = mine is None or incoming > mine
    if table == SESSION and local is not None:
        if local.get("finalized_at") and not row.get("finalized_at"):
            wins = False
        elif row.get("finalized_at") and not local.get("finalized_at"):
            wins = True
    if not wins:
        return None
    if current is not None and shipped.is_fresh_copy(change) and shipped.differs(local, row):
        _send_again(ctx, table, row_id, current)
        return None
    ctx.result.won += 1
    if table == SESSION and local is not None:
        base = change.get("b")
        concurrent = pending or (current is not None and
                                 (base is None or tuple(base) != (current.hlc, current.device)))
        made_here = pending or (current is not None and current.device == ctx.device)
        if concurrent and made_here:
            _keep_texts(ctx, local, row)
    if not uniques.settle(ctx, table, row, _flag):
        return None
    _write(ctx, table, row)
    ctx.cache.set_version(table, row_id, *incoming)
    return row


def _referenced(ctx: Context, table: str, row_id: str) -> bool:
    for link in links.links_to(table):
        if ctx.session.execute(text(
                f"SELECT 1 FROM {link.table} WHERE {link.column} = :id LIMIT 1"),
                {"id": row_id}).first():
            return True
    return False


def delete_all(ctx: Context, changes: list[dict[str, Any]]) -> None:
    """Deletions after the file's other changes, children before parents; a row still
    referenced once nothing else can go is kept (new work here) and sent again."""
    waiting = []
    for change in changes:
        table, row_id = change["t"], str(change["id"])
        current = ctx.cache.version(table, row_id)
        if ctx.is_pending(table, row_id) or (
                current is not None and (current.hlc, current.device) > _key(change)):
            continue
        waiting.append(change)
    progress = True
    while waiting and progress:
        progress, left = False, []
        for change in waiting:
            table, row_id = change["t"], str(change["id"])
            if _referenced(ctx, table, row_id):
                left.append(change)
                continue
            where, params = keys.where(table, row_id)
            ctx.session.execute(text(f"DELETE FROM {table} WHERE {where}"), params)
            ctx.cache.forget(table, row_id)
            ctx.cache.set_version(table, row_id, *_key(change), dict(change["r"]))
            ctx.result.won += 1
            progress = True
        waiting = left
    for change in waiting:
        table, row_id = change["t"], str(change["id"])
        if state.fetch_row(ctx.session, table, row_id) is None:
            continue
        ctx.emit(table, row_id)
        _flag(ctx, "kept_deleted_elsewhere", table, row_id)
        ctx.result.kept += 1


def _prefetch_parents(ctx: Context, written: list[tuple[str, dict[str, Any]]]) -> None:
    wanted: dict[str, list[str]] = {}
    for table, row in written:
        for link in links.links_from(table):
            target = row.get(link.column)
            if target is not None and link.target in schema.SYNCED:
                wanted.setdefault(link.target, []).append(str(target))
    for table, ids in wanted.items():
        ctx.cache.load_rows(table, ids)


def apply_changes(ctx: Context, changes: list[dict[str, Any]], device: str) -> None:
    ctx.cache.preload(changes)
    deletes, written = [], []
    for change in changes:
        change = {**change, "d": device}
        ctx.result.changes += 1
        ctx.result.max_hlc = max(ctx.result.max_hlc, int(change["v"]))
        if change["op"] == "d":
            deletes.append(change)
        else:
            row = upsert(ctx, change)
            if row is not None:
                written.append((change["t"], row))
    merges.follow(ctx.session, {table for table, _ in written}, ctx.emit)
    _prefetch_parents(ctx, written)
    for table, row in written:
        _ensure_parents(ctx, table, row)
    order = {table: i for i, table in enumerate(schema.SYNCED)}
    deletes.sort(key=lambda change: -order.get(change["t"], 0))
    delete_all(ctx, deletes)
    ctx.cache.flush()
