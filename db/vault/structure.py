"""The structural check of the background integrity check (``PRAGMA integrity_check``).

SQLCipher's HMAC proves each page was written with this vault's key at that page number;
it cannot tell a page put back from an older copy of the same file (same key, same
number). SQLite's own check reads every b-tree and compares every index with its table,
which finds many such pages: a b-tree whose pages no longer fit together, an index entry
with no row. It is run after the HMAC check has released the writes, because it costs
about three times as much (docs/architecture-notes.md).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from db.errors import DatabaseDamaged

#: ``integrity_check`` rather than ``quick_check``: the same order of cost here, and only
#: it compares indexes with their tables.
PRAGMA = "PRAGMA integrity_check"
#: SQLite's CORRUPT and NOTADB: the check itself met a page that makes no sense.
_DAMAGE_CODES = {11, 26}


def check_structure(engine: Engine, checking: list[Any] | None = None) -> None:
    """Raises :class:`DatabaseDamaged` when SQLite finds the file inconsistent.

    ``checking`` holds the DB-API connection while the check runs, so that locking can
    interrupt it (the driver then raises its own error)."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        if checking is not None:
            checking.append(raw)
        try:
            rows = conn.exec_driver_sql(PRAGMA).fetchall()
        except DBAPIError as error:
            code = getattr(error.orig, "sqlite_errorcode", None)
            if isinstance(code, int) and code & 0xFF in _DAMAGE_CODES:
                raise DatabaseDamaged(detail="structural check: CORRUPT") from error
            raise
        finally:
            if checking is not None:
                checking.remove(raw)
        conn.rollback()
    if [tuple(row) for row in rows] != [("ok",)]:
        raise DatabaseDamaged(detail=f"structural check: {len(rows)} problem(s)")
