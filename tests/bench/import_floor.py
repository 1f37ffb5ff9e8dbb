"""The floor of an import: the same rows written by SQLite alone, no Threadline code between.

A fresh vault (the app's key, pragmas and migrated schema; ``cipher_memory_security`` on,
as the app sets it, and the app's lookaside size), one transaction (``BEGIN IMMEDIATE``
… ``COMMIT`` with ``synchronous = FULL``), each table's rows, already converted to what
the columns store, given to the driver's ``executemany``, and the full-text index built
the fastest correct way we found: the INSERT triggers dropped for the load (the sync
capture triggers too, which do nothing in a vault that does not sync), then
``search_doc`` filled with one ``INSERT … SELECT`` per table and ``search_fts`` with one
``INSERT … SELECT`` in rowid order, then the triggers put back. Dropping the tables' own
indexes and creating them after the load was tried too (:data:`REBUILT_INDEXES`), and the
faster of the two is the floor. The conversion of the rows (parsing the JSON, turning
values into column values) happens before the clock starts. The clock is CPU time
(``time.process_time``): on a shared machine other programs inflate the wall time, not
the work done.

``python -m tests.bench.import_floor EXPORT.json`` prints both variants' CPU seconds.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from db.crypto.kdf import Argon2Params
from db.interchange.reader import read_bytes
from db.interchange.records import RECORDS
from db.search import bulk as search_bulk
from db.sync import schema as sync_schema
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE

#: The floor's two ways of building the tables' indexes.
MAINTAINED_INDEXES = "indexes kept up while the rows go in"
REBUILT_INDEXES = "indexes dropped, then created after the rows"


def column_values(vault: Vault, document_bytes: bytes) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Per table, its INSERT statement and the rows as the columns store them."""
    document = read_bytes(document_bytes)
    with vault.database.read() as session:
        dialect = session.connection().dialect
    out = []
    for record in RECORDS:
        table = record.model.__table__
        processors = [table.c[f.name].type.dialect_impl(dialect).bind_processor(dialect)
                      for f in record.fields]
        rows = document.rows[record.name]
        if record.name == "vault_settings":
            rows = [{**row, "value": json.dumps(row["value"])} for row in rows]
        values = [tuple(v if p is None or v is None else p(v)
                        for p, v in zip(processors, (row[f.name] for f in record.fields),
                                        strict=True)) for row in rows]
        names = ", ".join(f'"{f.name}"' for f in record.fields)
        marks = ", ".join("?" for _ in record.fields)
        out.append((f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', values))
    return out


def _write(vault: Vault, tables: list[tuple[str, list[tuple[Any, ...]]]], how: str) -> float:
    with vault.database.write() as session:
        # Emptied first: a fresh vault holds the shipped taxonomy, the export holds it too.
        for table in ("theme", "theme_category", "audit_event", "vault_setting"):
            session.execute(text(f'DELETE FROM "{table}"'))
    start = time.process_time()
    with vault.database.write() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        indexes: list[str] = []
        if how == REBUILT_INDEXES:
            indexes = [sql for (sql,) in driver.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name NOT LIKE 'search%'")]
            for (name,) in driver.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name NOT LIKE 'search%'").fetchall():
                driver.execute(f'DROP INDEX "{name}"')
        with sync_schema.idle_inserts(session), search_bulk.deferred(session):
            cursor = driver.cursor()
            for sql, values in tables:
                cursor.executemany(sql, values)
            cursor.close()
        for sql in indexes:
            driver.execute(sql)
    return time.process_time() - start


def floor_seconds(document_bytes: bytes, work: Path, how: str = MAINTAINED_INDEXES) -> float:
    """CPU seconds SQLite alone takes to write the rows of an export into a fresh vault."""
    folder = work / "floor"
    shutil.rmtree(folder, ignore_errors=True)
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum())
    try:
        tables = column_values(vault, document_bytes)
        return _write(vault, tables, how)
    finally:
        vault.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    data = Path(sys.argv[1]).read_bytes()
    with tempfile.TemporaryDirectory() as work:
        for how in (MAINTAINED_INDEXES, REBUILT_INDEXES):
            print(f"{how}: {floor_seconds(data, Path(work), how):.1f} s CPU")  # noqa: T201


if __name__ == "__main__":
    main()
