"""full-text search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:10:00

An FTS5 index inside the encrypted database, kept in sync by SQL triggers so that every
write path (services, restore, import, cascades) updates it without knowing it exists.

* ``search_doc``: one row per searchable text (its integer ``id`` is the FTS rowid) with
  what results and filters need: kind, source row, session, client, session date.
* ``search_fts``: the FTS5 table (columns ``heading`` and ``body``), accent- and
  case-insensitive (unicode61, remove_diacritics 2), with prefix indexes for 2 and 3
  characters so that ``lo*`` stays fast.

The DDL is spelled out here (not imported) so that this revision never changes after it
ships. See docs/search.md for the design.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = (
    """
    CREATE TABLE search_doc (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        source_id CHAR(32) NOT NULL,
        session_id CHAR(32),
        client_id CHAR(32) NOT NULL,
        date DATE
    )
    """,
    "CREATE UNIQUE INDEX search_doc_source ON search_doc (source_id, kind)",
    "CREATE INDEX search_doc_session ON search_doc (session_id)",
    "CREATE INDEX search_doc_client ON search_doc (client_id)",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        heading, body,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
    )
    """,
    # Headings (client code and name, the other person of an episode) weigh more.
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
)

# Each documentable text: (kind, table, heading SQL, body SQL, session SQL, client SQL,
# date SQL), written in terms of ``new`` (the row).
_SESSION_OF = "(SELECT {col} FROM therapy_session WHERE id = new.session_id)"
SOURCES = (
    ("process", "therapy_session", "''", "new.process_note", "new.id", "new.client_id",
     "new.date"),
    ("progress", "therapy_session", "''", "new.progress_note", "new.id", "new.client_id",
     "new.date"),
    ("addendum", "addendum", "''", "new.text", "new.session_id",
     _SESSION_OF.format(col="client_id"), _SESSION_OF.format(col="date")),
    ("mark", "mark", "''", "new.comment", "new.session_id",
     _SESSION_OF.format(col="client_id"), _SESSION_OF.format(col="date")),
    ("episode", "relational_episode", "new.other_person", "new.narrative", "new.session_id",
     _SESSION_OF.format(col="client_id"), _SESSION_OF.format(col="date")),
    ("client", "client", "new.code || ' ' || new.display_name", "''", "NULL", "new.id",
     "NULL"),
)
#: The columns whose change means re-indexing, per table.
WATCHED = {
    "therapy_session": {"process": "process_note", "progress": "progress_note"},
    "addendum": {"addendum": "text"},
    "mark": {"mark": "comment"},
    "relational_episode": {"episode": "other_person, narrative"},
    "client": {"client": "code, display_name"},
}


def _doc_id(kind: str, row: str) -> str:
    return f"(SELECT id FROM search_doc WHERE source_id = {row}.id AND kind = '{kind}')"


def _add(kind: str, heading: str, body: str, session: str, client: str, day: str) -> str:
    return f"""
        INSERT INTO search_doc (kind, source_id, session_id, client_id, date)
            VALUES ('{kind}', new.id, {session}, {client}, {day});
        INSERT INTO search_fts (rowid, heading, body)
            VALUES ({_doc_id(kind, 'new')}, {heading}, {body});"""


def _triggers() -> list[str]:
    statements = []
    for table in WATCHED:
        sources = [s for s in SOURCES if s[1] == table]
        inserts = "".join(_add(kind, *rest) for kind, _, *rest in sources)
        statements.append(f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} "
                          f"BEGIN {inserts} END")
        for kind, _, heading, body, *_ in sources:
            columns = WATCHED[table][kind]
            changed = " OR ".join(f"old.{c.strip()} IS NOT new.{c.strip()}"
                                  for c in columns.split(","))
            statements.append(
                f"CREATE TRIGGER search_{table}_{kind}_au AFTER UPDATE OF {columns} ON {table} "
                f"WHEN {changed} BEGIN "
                f"UPDATE search_fts SET heading = {heading}, body = {body} "
                f"WHERE rowid = {_doc_id(kind, 'new')}; END")
        deletes = "".join(
            f"DELETE FROM search_fts WHERE rowid = {_doc_id(kind, 'old')}; "
            f"DELETE FROM search_doc WHERE source_id = old.id AND kind = '{kind}'; "
            for kind, *_ in sources)
        statements.append(f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} "
                          f"BEGIN {deletes} END")
    # A session's date (or, rarely, client) travels to every text that belongs to it.
    statements.append(
        "CREATE TRIGGER search_therapy_session_moved_au "
        "AFTER UPDATE OF date, client_id ON therapy_session "
        "WHEN old.date IS NOT new.date OR old.client_id IS NOT new.client_id BEGIN "
        "UPDATE search_doc SET date = new.date, client_id = new.client_id "
        "WHERE session_id = new.id; END")
    return statements


def _backfill() -> list[str]:
    """Index what an existing vault already holds (the triggers only see new writes)."""
    statements = []
    for kind, table, heading, body, session, client, day in SOURCES:
        def row(sql: str) -> str:
            return sql.replace("new.", "t.")
        statements.append(
            f"INSERT INTO search_doc (kind, source_id, session_id, client_id, date) "
            f"SELECT '{kind}', t.id, {row(session)}, {row(client)}, {row(day)} "
            f"FROM {table} AS t")
        statements.append(
            f"INSERT INTO search_fts (rowid, heading, body) "
            f"SELECT d.id, {row(heading)}, {row(body)} FROM {table} AS t "
            f"JOIN search_doc AS d ON d.source_id = t.id AND d.kind = '{kind}'")
    return statements


def upgrade() -> None:
    for statement in (*TABLES, *_triggers(), *_backfill()):
        op.execute(statement)


def downgrade() -> None:
    for statement in _triggers():
        name = statement.split()[2]
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("DROP TABLE IF EXISTS search_doc")
