"""What applying one file reads and writes in bulk: row versions and local rows.

Applying a change used to cost about seven statements (its version, the local row,
whether it exists, each parent, the write, the new version), each through SQLAlchemy's
text layer. A year of work is tens of thousands of changes, and the per-statement
overhead, not SQLite, was most of the time (docs/sync.md, "Figures"). So, per file:

* the versions and local rows of every changed row are read up front, a few hundred
  ids per statement;
* the parents the file's rows name are checked the same way, once;
* new versions are kept here and written with one ``executemany`` at the end;
* the statements left go straight to the driver's connection (the same connection and
  transaction as the session's), with the SQL strings built once.

Everything stays inside the file's one transaction, so a failure still rolls it all back.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from db.sync import keys, schema
from db.sync.state import Row, Version

CHUNK = 400
_UPSERT_VERSION = (
    f"INSERT INTO {schema.VERSIONS} (tbl, row_id, hlc, device, deleted, row) "
    f"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, row_id) DO UPDATE SET "
    f"hlc = excluded.hlc, device = excluded.device, deleted = excluded.deleted, "
    f"row = excluded.row")


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class Cache:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.raw: Any = session.connection().connection.driver_connection
        self.versions: dict[tuple[str, str], Version | None] = {}
        self.rows: dict[tuple[str, str], Row | None] = {}
        self._written: dict[tuple[str, str], tuple[Any, ...]] = {}

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        return self.raw.execute(sql, params)

    # --- reading up front -------------------------------------------------------------

    def preload(self, changes: Iterable[dict[str, Any]]) -> None:
        by_table: dict[str, list[str]] = defaultdict(list)
        for change in changes:
            key = (change["t"], str(change["id"]))
            if key not in self.versions:
                by_table[change["t"]].append(key[1])
                self.versions[key] = None
        for table, ids in by_table.items():
            ids = list(dict.fromkeys(ids))
            for chunk in _chunks(ids):
                for row_id, hlc, device, deleted, row in self.execute(
                        f"SELECT row_id, hlc, device, deleted, row FROM {schema.VERSIONS} "
                        f"WHERE tbl = ? AND row_id IN ({_marks(len(chunk))})",
                        [table, *chunk]):
                    self.versions[(table, row_id)] = Version(
                        hlc, device, bool(deleted), json.loads(row) if row else None)
            if keys.has_id(table):
                self.load_rows(table, ids)

    def load_rows(self, table: str, ids: Sequence[str]) -> None:
        """Read the local rows of ``ids`` (absent ones remembered as ``None``)."""
        wanted = [i for i in dict.fromkeys(ids) if (table, i) not in self.rows]
        for chunk in _chunks(wanted):
            cursor = self.execute(f"SELECT * FROM {table} WHERE id IN ({_marks(len(chunk))})",
                                  list(chunk))
            names = [d[0] for d in cursor.description]
            for values in cursor:
                row = dict(zip(names, values, strict=True))
                self.rows[(table, str(row["id"]))] = row
            for row_id in chunk:
                self.rows.setdefault((table, row_id), None)

    # --- versions ---------------------------------------------------------------------

    def version(self, table: str, row_id: str) -> Version | None:
        key = (table, row_id)
        if key not in self.versions:
            found = self.execute(
                f"SELECT hlc, device, deleted, row FROM {schema.VERSIONS} "
                f"WHERE tbl = ? AND row_id = ?", (table, row_id)).fetchone()
            self.versions[key] = None if found is None else Version(
                found[0], found[1], bool(found[2]), json.loads(found[3]) if found[3] else None)
        return self.versions[key]

    def set_version(self, table: str, row_id: str, hlc: int, device: str,
                    deleted_row: Row | None = None) -> None:
        self.versions[(table, row_id)] = Version(hlc, device, deleted_row is not None,
                                                 deleted_row)
        self._written[(table, row_id)] = (
            table, row_id, hlc, device, int(deleted_row is not None),
            json.dumps(deleted_row, sort_keys=True) if deleted_row is not None else None)

    def flush(self) -> None:
        if self._written:
            self.raw.executemany(_UPSERT_VERSION, list(self._written.values()))
            self._written.clear()

    # --- local rows -------------------------------------------------------------------

    def row(self, table: str, row_id: str) -> Row | None:
        key = (table, row_id)
        if key not in self.rows:
            where, params = keys.where(table, row_id)
            cursor = self.execute(f"SELECT * FROM {table} WHERE {where}", params)
            values = cursor.fetchone()
            names = [d[0] for d in cursor.description]
            self.rows[key] = None if values is None else dict(zip(names, values, strict=True))
        return self.rows[key]

    def wrote(self, table: str, row_id: str, row: Row) -> None:
        current = self.rows.get((table, row_id))
        self.rows[(table, row_id)] = {**(current or {}), **row}

    def forget(self, table: str, row_id: str) -> None:
        """The row changed or went by a statement this cache did not see."""
        self.rows.pop((table, row_id), None)
