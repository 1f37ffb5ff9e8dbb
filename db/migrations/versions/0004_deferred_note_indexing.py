"""notes are re-indexed for search when the index is next needed

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 08:40:00

Re-indexing a note makes FTS5 tokenize its old and its new text. For a 5,000-word note that
is about 7 ms, which the 0002 triggers spent on every autosave, that is every few seconds
of typing. From this revision on, a change of a process or progress note only marks its
index entry as pending, in the same transaction as the note itself:

* ``search_pending``: the ids (``search_doc.id``) of note texts whose indexed copy is
  older than the note;
* the two note triggers of 0002 (``search_therapy_session_{process,progress}_au``) write
  that id instead of updating ``search_fts``.

:mod:`db.search.pending` re-indexes what is pending before every search and on every save
that is not an autosave, so a search still sees every saved word (docs/search.md). All
other texts (addenda, marks, episodes, clients) are short and stay indexed at once.

The DDL is spelled out here (not imported) so that this revision never changes after it
ships; the downgrade re-indexes what is pending and restores the triggers of 0002.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NOTES = {"process": "process_note", "progress": "progress_note"}


def _trigger(kind: str, column: str, body: str) -> str:
    return (f"CREATE TRIGGER search_therapy_session_{kind}_au "
            f"AFTER UPDATE OF {column} ON therapy_session "
            f"WHEN old.{column} IS NOT new.{column} BEGIN {body} END")


def _doc(kind: str) -> str:
    return f"SELECT id FROM search_doc WHERE source_id = new.id AND kind = '{kind}'"


def _drop(kind: str) -> str:
    return f"DROP TRIGGER search_therapy_session_{kind}_au"


def upgrade() -> None:
    op.execute("CREATE TABLE search_pending (doc_id INTEGER PRIMARY KEY)")
    for kind, column in NOTES.items():
        op.execute(_drop(kind))
        op.execute(_trigger(kind, column,
                            f"INSERT OR IGNORE INTO search_pending (doc_id) {_doc(kind)};"))


def downgrade() -> None:
    for kind, column in NOTES.items():
        op.execute(f"""
            UPDATE search_fts SET body = (SELECT s.{column} FROM search_doc AS d
                JOIN therapy_session AS s ON s.id = d.source_id WHERE d.id = search_fts.rowid)
            WHERE rowid IN (SELECT p.doc_id FROM search_pending AS p
                JOIN search_doc AS d ON d.id = p.doc_id WHERE d.kind = '{kind}')""")
        op.execute(_drop(kind))
        op.execute(_trigger(kind, column, f"UPDATE search_fts SET heading = '', "
                                          f"body = new.{column} WHERE rowid = ({_doc(kind)});"))
    op.execute("DROP TABLE search_pending")
