"""How a synced row is named in the outbox, in a change and in ``sync_version``.

Almost every synced table has an ``id`` column (a UUID, stored as 32 hex digits), and that
is the row's name. A table keyed by several columns (a client's default template per note
kind) is named by its key's values joined with ``:``; none of those values can hold a
``:`` (hex ids and vocabulary words), so the name splits back into the key.
"""

from __future__ import annotations

from typing import Any

#: Tables whose primary key is not ``id``, with the columns of their key, in order.
COMPOSITE: dict[str, tuple[str, ...]] = {"client_template": ("client_id", "kind")}


def key_columns(table: str) -> tuple[str, ...]:
    return COMPOSITE.get(table, ("id",))


def has_id(table: str) -> bool:
    return table not in COMPOSITE


def id_sql(table: str, alias: str = "") -> str:
    """SQL for a row's name (``NEW.id``, ``NEW.client_id || ':' || NEW.kind``)."""
    prefix = f"{alias}." if alias else ""
    return " || ':' || ".join(f"{prefix}{column}" for column in key_columns(table))


def row_id(table: str, row: dict[str, Any]) -> str | None:
    """A row's name from its values; ``None`` when a key column is missing."""
    values = [row.get(column) for column in key_columns(table)]
    if any(value is None for value in values):
        return None
    return ":".join(str(value) for value in values)


def where(table: str, name: str) -> tuple[str, dict[str, str]]:
    """A WHERE clause (and its parameters) that finds the row named ``name``."""
    columns = key_columns(table)
    parts = name.split(":", len(columns) - 1)
    if len(parts) != len(columns):
        parts += [""] * (len(columns) - len(parts))  # names no row
    clause = " AND ".join(f"{column} = :k{i}" for i, column in enumerate(columns))
    return clause, {f"k{i}": part for i, part in enumerate(parts)}
