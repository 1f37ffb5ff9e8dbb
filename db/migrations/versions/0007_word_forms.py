"""the full-text index finds word forms (Porter stemming over unicode61)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:40:00

``search_fts`` is rebuilt with ``tokenize = 'porter unicode61 remove_diacritics 2'``, so
that *irritation* finds *irritated* (docs/search.md). FTS5 cannot change a table's
tokenizer, so every row (rowid, heading, body) is copied aside into a temporary table
(in memory: the vault runs with ``temp_store = MEMORY``), the table is made again, and the
rows are put back under their rowids; ``search_doc`` and the triggers stay as they are.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WORD_FORMS = "porter unicode61 remove_diacritics 2"
WORDS_ONLY = "unicode61 remove_diacritics 2"


def _rebuild(tokenize: str) -> None:
    op.execute("CREATE TEMP TABLE search_fts_aside AS "
               "SELECT rowid AS id, heading, body FROM search_fts")
    op.execute("DROP TABLE search_fts")
    op.execute(f"""
        CREATE VIRTUAL TABLE search_fts USING fts5(
            heading, body,
            tokenize = '{tokenize}',
            prefix = '2 3'
        )""")
    op.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")
    op.execute("INSERT INTO search_fts (rowid, heading, body) "
               "SELECT id, heading, body FROM search_fts_aside ORDER BY id")
    op.execute("DROP TABLE search_fts_aside")


def upgrade() -> None:
    _rebuild(WORD_FORMS)


def downgrade() -> None:
    _rebuild(WORDS_ONLY)
