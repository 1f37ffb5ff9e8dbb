"""Search the vault: parse the query, rank with bm25 (recency breaks ties), add snippets.

The index itself (tables ``search_doc`` and ``search_fts``) is written only by the SQL
triggers of migration 0002; this service only reads it, plus :meth:`rebuild_index`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.search.dto import KINDS, SearchFilters, SearchHit, SearchResults
from db.search.hits import read_snippet
from db.search.query import HIT_END, HIT_START, ParsedQuery, parse
from db.services.base import DatabaseProvider

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
SNIPPET_TOKENS = 24

# Equal relevance shows the newest session first.
_RANKED = """
SELECT d.id, d.kind, d.source_id, d.session_id, d.client_id, d.date, search_fts.rank
FROM search_fts JOIN search_doc AS d ON d.id = search_fts.rowid
WHERE search_fts MATCH :query {filters}
ORDER BY search_fts.rank, d.date DESC, d.id DESC
LIMIT :limit
"""
_FILTERS = {
    "client_id": "AND d.client_id = :client_id",
    "date_from": "AND d.date >= :date_from",
    "date_to": "AND d.date <= :date_to",
    "theme_id": """AND d.session_id IN (
        SELECT session_id FROM mark WHERE theme_id = :theme_id
        UNION SELECT session_id FROM relational_episode
        WHERE :theme_id IN (wish_theme_id, response_of_other_theme_id,
                            response_of_self_theme_id))""",
    "kinds": "AND d.kind IN :kinds",
}
_SNIPPET = text(f"""
SELECT snippet(search_fts, -1, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_TOKENS})
FROM search_fts WHERE search_fts MATCH :query AND rowid = :rowid
""")


def _hex(value: uuid.UUID | None) -> str | None:
    return None if value is None else value.hex


def _validate(filters: SearchFilters, limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    unknown = filters.kinds - set(KINDS)
    if unknown:
        raise ValidationError("Unknown kind of text to search.", field="kinds")
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError("The end of the date range is before its start.",
                              field="date_to")


def ranked_rows(session: Session, fts: str, filters: SearchFilters,
                limit: int) -> Sequence[Any]:
    """(doc id, kind, source, session, client, date, rank) rows, best first."""
    values: dict[str, Any] = {
        "client_id": _hex(filters.client_id), "date_from": filters.date_from,
        "date_to": filters.date_to, "theme_id": _hex(filters.theme_id),
        "kinds": sorted(filters.kinds) or None,
    }
    used = {name: value for name, value in values.items() if value is not None}
    sql = _RANKED.format(filters=" ".join(_FILTERS[name] for name in used))
    statement = text(sql)
    if "kinds" in used:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
    return session.execute(statement, {"query": fts, "limit": limit, **used}).all()


def _labels(session: Session, rows: Sequence[Any]) -> tuple[dict[str, str], dict[str, int]]:
    """Client codes and session numbers of the given hits, in two small queries."""
    clients = sorted({r.client_id for r in rows})
    sessions = sorted({r.session_id for r in rows if r.session_id})
    codes: dict[str, str] = {}
    numbers: dict[str, int] = {}
    if clients:
        codes = {row[0]: row[1] for row in session.execute(
            text("SELECT id, code FROM client WHERE id IN :ids")
            .bindparams(bindparam("ids", expanding=True)), {"ids": clients})}
    if sessions:
        numbers = {row[0]: row[1] for row in session.execute(
            text("SELECT id, number FROM therapy_session WHERE id IN :ids")
            .bindparams(bindparam("ids", expanding=True)), {"ids": sessions})}
    return codes, numbers


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


class SearchService:
    """Full-text search over every note, addendum, mark comment, episode and client."""

    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def search(self, query: str, filters: SearchFilters | None = None,
               limit: int = DEFAULT_LIMIT) -> SearchResults:
        """Hits for what a person typed, best first.

        Input that cannot be searched as typed gives ``SearchResults.message`` (one
        sentence) and no hits; this never raises for any query text. Raises
        :class:`ValidationError` only for contradictory filters.
        """
        filters = filters or SearchFilters()
        _validate(filters, limit)
        parsed = parse(query)
        if parsed.empty:
            return SearchResults(query, message=parsed.message)
        with self._vault.database.read() as session:
            rows = ranked_rows(session, parsed.fts, filters, limit + 1)
            more = len(rows) > limit
            rows = rows[:limit]
            hits = self._hits(session, parsed, rows)
        return SearchResults(query, hits, parsed.terms, more=more)

    def _hits(self, session: Session, parsed: ParsedQuery,
              rows: Sequence[Any]) -> tuple[SearchHit, ...]:
        codes, numbers = _labels(session, rows)
        hits = []
        for row in rows:
            marked = session.execute(_SNIPPET, {"query": parsed.fts,
                                                "rowid": row.id}).scalar() or ""
            snippet, spans = read_snippet(marked)
            hits.append(SearchHit(
                row.kind, uuid.UUID(row.source_id), uuid.UUID(row.client_id),
                codes.get(row.client_id, ""),
                uuid.UUID(row.session_id) if row.session_id else None,
                numbers.get(row.session_id) if row.session_id else None,
                _day(row.date), snippet, spans, float(row.rank)))
        return tuple(hits)

    def index_size(self) -> int:
        """How many texts the index holds (one per note, addendum, mark, episode, client)."""
        with self._vault.database.read() as session:
            return int(session.execute(text("SELECT count(*) FROM search_doc")).scalar_one())
