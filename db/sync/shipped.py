"""Shipped categories and themes as sync sees them (docs/sync.md, "Shipped themes").

Every vault gives a shipped row the same id (``seed.shipped_id`` of its key), so one
device's upgrade can make a row that another device has already changed or deleted.
Two rules follow, both here so export and apply agree on what "shipped" means:

* a shipped row made and deleted between two exports is still sent as a deletion (its
  tombstone), since the other devices will make the same row when they take the upgrade;
* a shipped row as an upgrade made it elsewhere — sent before its device knew any version
  of it — does not replace a version here that differs from it (deleted, archived,
  merged, renamed): this device keeps its version and sends it again, later than the
  copy, so the other device takes it too.
"""

from __future__ import annotations

from typing import Any

from db.taxonomy.seed import shipped_id

#: The synced tables holding shipped rows, and the kind their ids are derived with.
KINDS = {"theme": "theme", "theme_category": "category"}
#: Columns in which two devices' copies of one upgrade may differ.
_LOCAL_COLUMNS = frozenset({"position"})


def is_shipped(table: str, row: dict[str, Any] | None) -> bool:
    """Whether ``row`` of ``table`` is a shipped row under the id every vault gives it."""
    kind = KINDS.get(table)
    if kind is None or not row or not isinstance(row.get("key"), str):
        return False
    return str(row.get("id")) == shipped_id(kind, row["key"]).hex


def is_fresh_copy(change: dict[str, Any]) -> bool:
    """A shipped row sent by a device that knew no version of it: an upgrade's copy."""
    return change.get("b") is None and is_shipped(str(change["t"]), change.get("r"))


def differs(local: dict[str, Any] | None, incoming: dict[str, Any]) -> bool:
    """Whether this device's version (``None``: deleted) is more than a copy of
    ``incoming``."""
    if local is None:
        return True
    return any(local.get(name) != value for name, value in incoming.items()
               if name in local and name not in _LOCAL_COLUMNS)
