"""Names of the full-text index's tables (created by migrations 0002 and 0004, not by the
models).

The FTS5 virtual table and its shadow tables live outside the SQLAlchemy metadata, so
Alembic's autogenerate must look past them; :func:`is_index_table` is the filter it uses.
"""

from __future__ import annotations

from db.sync.schema import is_sync_table

DOCS = "search_doc"
FTS = "search_fts"
#: Note texts whose indexed copy is older than the note (migration 0004, db.search.pending).
PENDING = "search_pending"
#: FTS5 keeps its data in these shadow tables beside the virtual table.
FTS_SHADOWS = tuple(f"{FTS}_{suffix}" for suffix in ("data", "idx", "content", "docsize",
                                                      "config"))
INDEX_TABLES = frozenset({DOCS, FTS, PENDING, *FTS_SHADOWS})


def is_index_table(name: str | None) -> bool:
    return name in INDEX_TABLES


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: everything except the search index's tables and the
    sync bookkeeping (``db.sync.schema``), neither of which the models describe."""
    return not (type_ == "table" and (is_index_table(name) or is_sync_table(name)))
