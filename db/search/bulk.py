"""The full-text index of many new rows, built in one pass after they are written.

The triggers of migration 0002 index each row as it is inserted, and FTS5 writes its
pending index out at every statement that fires them: an import of 24,000 sessions and
220,000 marks wrote the index in pieces of one row, and spent most of its time merging
them. :func:`deferred` lifts the INSERT triggers for the length of the caller's write
transaction and then indexes, in one pass, every text that has no index entry yet, giving
the entries the ids the triggers would have given them (so the vault is the same either
way; ``tests/db/search/test_bulk_index.py`` compares them). Everything happens inside the
caller's transaction: if anything fails, the triggers' removal is rolled back with the rows.

The texts (kind, table, heading, body, session, client, date) mirror migration 0002.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.triggers import lifted

#: Each table whose rows are indexed, in the order an import writes them, with the kinds
#: of text a row gives (in the order its trigger adds them) and the columns of its entry.
_SESSION = "(SELECT {col} FROM therapy_session WHERE id = t.session_id)"
_TABLES: tuple[tuple[str, tuple[str, ...], str, str, str], ...] = (
    ("client", ("client",), "NULL", "t.id", "NULL"),
    ("therapy_session", ("process", "progress"), "t.id", "t.client_id", "t.date"),
    ("addendum", ("addendum",), "t.session_id", _SESSION.format(col="client_id"),
     _SESSION.format(col="date")),
    ("mark", ("mark",), "t.session_id", _SESSION.format(col="client_id"),
     _SESSION.format(col="date")),
    ("relational_episode", ("episode",), "t.session_id", _SESSION.format(col="client_id"),
     _SESSION.format(col="date")),
)
_HEADING = {"client": "code || ' ' || display_name", "episode": "other_person"}
_BODY = {"process": ("therapy_session", "process_note"),
         "progress": ("therapy_session", "progress_note"),
         "addendum": ("addendum", "text"), "mark": ("mark", "comment"),
         "episode": ("relational_episode", "narrative")}
#: Documents indexed per statement: often enough to report progress and to stop.
DOCS_PER_STATEMENT = 5000


def _add_docs(table: str, kinds: tuple[str, ...], session_sql: str, client_sql: str,
              day_sql: str) -> str:
    kind_rows = " UNION ALL ".join(f"SELECT '{k}' AS kind, {i} AS o" for i, k in enumerate(kinds))
    return (f"INSERT INTO search_doc (kind, source_id, session_id, client_id, date) "
            f"SELECT k.kind, t.id, {session_sql}, {client_sql}, {day_sql} "
            f"FROM {table} AS t CROSS JOIN ({kind_rows}) AS k "
            f"WHERE NOT EXISTS (SELECT 1 FROM search_doc AS d "
            f"WHERE d.source_id = t.id AND d.kind = k.kind) ORDER BY t.rowid, k.o")


def _case(values: dict[str, str]) -> str:
    return "CASE d.kind " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in values.items()) \
        + " ELSE '' END"


_FILL = text(
    "INSERT INTO search_fts (rowid, heading, body) SELECT d.id, "
    + _case({"client": f"(SELECT {_HEADING['client']} FROM client WHERE id = d.source_id)",
             "episode": "(SELECT other_person FROM relational_episode WHERE id = d.source_id)"})
    + ", "
    + _case({k: f"(SELECT {column} FROM {table} WHERE id = d.source_id)"
             for k, (table, column) in _BODY.items()})
    + " FROM search_doc AS d WHERE d.id > :after AND d.id <= :upto ORDER BY d.id")
#: The names of the index's INSERT triggers (migration 0002), as a LIKE pattern.
INSERT_TRIGGERS = "search\\_%\\_ai"
_LAST_DOC = text("SELECT coalesce(max(id), 0) FROM search_doc")


@contextmanager
def deferred(session: Session, progress: Callable[[float], None] | None = None
             ) -> Iterator[None]:
    """Within the caller's write transaction: rows inserted inside the block are indexed in
    one pass when it ends (``progress`` hears the share done), not one by one as they come.

    Rows that an exception leaves behind are not indexed; the caller's rollback removes
    them and brings the triggers back.
    """
    before = int(session.execute(_LAST_DOC).scalar_one())
    with lifted(session, INSERT_TRIGGERS):
        yield
        for table, kinds, *columns in _TABLES:
            session.execute(text(_add_docs(table, kinds, *columns)))
        last = int(session.execute(_LAST_DOC).scalar_one())
        for start in range(before, last, DOCS_PER_STATEMENT):
            session.execute(_FILL, {"after": start, "upto": start + DOCS_PER_STATEMENT})
            if progress is not None:
                progress(min(1.0, (start + DOCS_PER_STATEMENT - before) / (last - before)))
