"""Export: what this device changed since its last file becomes its next sealed file.

Two steps, so a process killed at any moment neither loses nor doubles a change:

1. one transaction reads the outbox, stamps each changed row with the next HLC stamp,
   seals the file and stores its bytes in ``sync_sent``, empties those outbox entries and
   moves ``next_seq`` on — all or nothing;
2. the stored bytes are written into the folder (atomically) and then forgotten.

A kill between the two leaves the bytes in ``sync_sent``; the next run writes exactly
those bytes again, so every device sees one file per number, whatever it read before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.sync import folder as folder_files
from db.sync import hlc, schema, sealing, shipped, state
from db.vault.migrate import head_revision

PAYLOAD_FORMAT = "threadline-sync-changes"
PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class Group:
    first: int
    last: int
    first_op: str
    last_op: str
    old: str | None
    at: int


def _collapse(session: Session) -> tuple[dict[tuple[str, str], Group], int]:
    groups: dict[tuple[str, str], Group] = {}
    last_seq = 0
    for seq, table, row_id, op, old, at in session.execute(text(
            f"SELECT seq, tbl, row_id, op, old, at FROM {schema.OUTBOX} ORDER BY seq")):
        last_seq = seq
        key = (table, row_id)
        before = groups.get(key)
        groups[key] = Group(before.first if before else seq, seq,
                            before.first_op if before else op, op, old, at)
    return groups, last_seq


def stage(session: Session, now: datetime, *, heartbeat: bool = False) -> int:
    """Step 1 inside the caller's write transaction: returns the number of changes sealed
    (0 and no file when nothing changed, unless ``heartbeat`` asks for an empty file)."""
    current, group = state.require(session)
    groups, last_seq = _collapse(session)
    clock = current.hlc
    changes: list[dict[str, Any]] = []
    for (table, row_id), item in sorted(groups.items(), key=lambda pair: pair[1].first):
        if item.first_op == "i" and item.last_op == "d" and not shipped.is_shipped(
                table, json.loads(item.old or "{}")):
            continue  # made and removed between two exports: nobody else ever saw it
        if item.last_op == "d":
            op, row = "d", json.loads(item.old or "{}")
        else:
            op, row = "u", state.fetch_row(session, table, row_id)
            if row is None:
                continue
        clock = hlc.stamp(clock, item.at)
        before = state.version_of(session, table, row_id)
        changes.append({"t": table, "id": row_id, "op": op, "v": clock,
                        "b": [before.hlc, before.device] if before else None, "r": row})
        state.set_version(session, table, row_id, clock, current.device_id,
                          row if op == "d" else None)
    if last_seq:
        session.execute(text(f"DELETE FROM {schema.OUTBOX} WHERE seq <= :s"), {"s": last_seq})
    if not changes and not heartbeat:
        return 0
    seq = current.next_seq
    payload = {"format": PAYLOAD_FORMAT, "version": PAYLOAD_VERSION,
               "schema": head_revision(), "group": group.id, "device": current.device_id,
               "name": current.device_name, "seq": seq,
               "written_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "changes": changes}
    data = sealing.seal(group.key, group.id, current.device_id, seq,
                        json.dumps(payload, sort_keys=True, separators=(",", ":")).encode())
    session.execute(text(f"INSERT INTO {schema.SENT} (seq, data) VALUES (:s, :d)"),
                    {"s": seq, "d": data})
    session.execute(text(f"UPDATE {schema.STATE} SET next_seq = :n, hlc = :h WHERE id = 1"),
                    {"n": seq + 1, "h": clock})
    return len(changes)


def staged(session: Session) -> list[tuple[int, bytes]]:
    return [(seq, bytes(data)) for seq, data in session.execute(
        text(f"SELECT seq, data FROM {schema.SENT} ORDER BY seq"))]


def publish(target: Path, device: str, files: list[tuple[int, bytes]]) -> list[int]:
    """Step 2: write the staged files into the folder; returns their numbers."""
    for seq, data in files:
        folder_files.write_file(target, device, seq, data)
    return [seq for seq, _ in files]


def forget(session: Session, seqs: list[int]) -> None:
    for seq in seqs:
        session.execute(text(f"DELETE FROM {schema.SENT} WHERE seq = :s"), {"s": seq})
