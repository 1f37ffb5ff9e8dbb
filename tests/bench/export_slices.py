"""Smaller exports cut from a large one, for the import's cost as the vault grows.

Each client keeps the same share of its sessions (the first ones by number), with their
notes, revisions, drafts, addenda, marks and episodes; clients, goals, the taxonomy, the
settings and the audit log are kept whole, so every slice is a valid export.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

_BY_SESSION = ("note_revisions", "note_drafts", "addenda", "marks", "relational_episodes")


def slice_export(document: dict[str, Any], sessions: int) -> dict[str, Any]:
    """``document`` with about ``sessions`` sessions (each client the same share)."""
    share = min(1.0, sessions / max(1, len(document["sessions"])))
    by_client: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in document["sessions"]:
        by_client[row["client_id"]].append(row)
    kept: list[dict[str, Any]] = []
    for rows in by_client.values():
        rows.sort(key=lambda row: row["number"])
        kept += rows[:math.ceil(len(rows) * share)]
    kept = kept[:sessions] if len(kept) > sessions else kept
    ids = {row["id"] for row in kept}
    out = {**document, "sessions": [row for row in document["sessions"] if row["id"] in ids]}
    for name in _BY_SESSION:
        out[name] = [row for row in document[name] if row["session_id"] in ids]
    return out


def write_slices(source: Path, folder: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    """One export file per size in ``folder`` (made once, then reused)."""
    paths = {size: folder / f"export-{size}.json" for size in sizes}
    if all(path.exists() for path in paths.values()):
        return paths
    document = json.loads(source.read_bytes())
    for size, path in paths.items():
        part = slice_export(document, size)
        path.write_bytes((json.dumps(part, ensure_ascii=False, indent=1) + "\n").encode())
    return paths
