"""Note texts re-indexed for search when the index is next needed, not at every autosave.

Re-indexing a note makes FTS5 tokenize both its old and its new text, about 7 ms for
5,000 words. The clinician's typing is autosaved every few seconds, so since migration
0004 a change of a process or progress note only marks its index entry as pending (its
trigger writes the entry's id to ``search_pending``, in the transaction that changes the
note); :func:`catch_up` re-indexes the pending notes from their current text. It runs

* when writing pauses for a second (the GUI's write pipeline runs
  :meth:`~db.search.indexer.Indexer.catch_up` on its writer thread), so the index is
  usually up to date before anyone searches;
* before every search (the pipeline in the GUI, the command line itself), so a search
  always finds every saved word, even one typed a moment ago;
* on every save of a note that is not an autosave (saving by hand, closing the note,
  finalizing), so the index at rest is rarely behind by more than the note being typed;
* at the end of bulk saves (an import, the demo caseload).

A pending entry survives a crash with the note that made it, and the next search brings
the index up to date. Only ids are kept here, never text. docs/search.md has the design.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from db.services.base import in_chunks
from db.vocabulary import NoteKind, is_one_of

_COUNT = text("SELECT count(*) FROM search_pending")
_ALL = text("SELECT p.doc_id, d.kind FROM search_pending AS p "
            "LEFT JOIN search_doc AS d ON d.id = p.doc_id")
_OF_SESSIONS = text("SELECT p.doc_id, d.kind FROM search_pending AS p "
                    "JOIN search_doc AS d ON d.id = p.doc_id "
                    "WHERE d.session_id IN :ids").bindparams(bindparam("ids", expanding=True))
# One note text again from its session row; the doc's kind says which note it is.
_REINDEX = text(f"""
UPDATE search_fts SET body = (
    SELECT CASE d.kind {" ".join(f"WHEN '{k}' THEN s.{k}_note" for k in NoteKind)} END
    FROM search_doc AS d JOIN therapy_session AS s ON s.id = d.source_id
    WHERE d.id = :doc)
WHERE rowid = :doc
""")
_FORGET = text("DELETE FROM search_pending WHERE doc_id = :doc")
_FORGET_ALL = text("DELETE FROM search_pending")


def pending_count(session: Session) -> int:
    return int(session.execute(_COUNT).scalar_one())


def catch_up(session: Session, session_ids: Collection[uuid.UUID] | None = None) -> int:
    """Re-index the pending note texts (of these sessions only, if given) inside the
    caller's write transaction. Returns how many texts were re-indexed.

    An entry whose doc is gone (its session was deleted) or is no longer a note's (SQLite
    may give a deleted doc's id to a new text) is only forgotten.
    """
    if session_ids is None:
        rows = session.execute(_ALL).all()
    else:
        ids = [sid.hex for sid in session_ids]
        rows = []
        for chunk in in_chunks(ids):
            rows += session.execute(_OF_SESSIONS, {"ids": chunk}).all()
    if not rows:
        return 0
    notes = [{"doc": doc} for doc, kind in rows if is_one_of(NoteKind, kind)]
    if notes:
        session.execute(_REINDEX, notes)
    if session_ids is None:
        session.execute(_FORGET_ALL)
    else:
        session.execute(_FORGET, [{"doc": doc} for doc, _ in rows])
    return len(notes)
