"""Search the vault: parse the query, rank with bm25 (recency breaks ties), add snippets.

The index itself (tables ``search_doc`` and ``search_fts``) is written by the SQL triggers
of migrations 0002 and 0004, except that changed notes wait in ``search_pending`` until
:class:`~db.search.indexer.Indexer` re-indexes them. A search is a pure read: whoever
searches brings the index up first (the GUI's write pipeline does it when writing pauses
and before each search, the command line before each search).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.measures import search_filter as measure_filter
from db.search.dto import KINDS, SearchFilters, SearchHit, SearchResults
from db.search.hits import Span, find_hits, make_snippet
from db.search.query import ParsedQuery, parse
from db.services.base import DatabaseProvider
from db.vocabulary import TextKind

DEFAULT_LIMIT = 20
MAX_LIMIT = 500
#: bm25 costs a few microseconds per matching text; when a query matches more texts than
#: this, only the most recently written ones are ranked (docs/search.md, "Very common
#: words"), which keeps every search within the 50 ms budget on a 24,000-session vault.
RANK_WINDOW = 3000
#: How many ranked rows a search with quoted words reads at most to fill its page.
EXACT_CEILING = 4000

# Equal relevance shows the newest session first.
_RANKED = """
SELECT d.id, d.kind, d.source_id, d.session_id, d.client_id, d.date, search_fts.rank
FROM search_fts JOIN search_doc AS d ON d.id = search_fts.rowid
WHERE search_fts MATCH :query {filters}
ORDER BY search_fts.rank, d.date DESC, d.id DESC
LIMIT :limit
"""
# The rowid below which matches are left unranked, if there are more than the window.
_CUT = """
SELECT search_fts.rowid
FROM search_fts {join}
WHERE search_fts MATCH :query {filters}
ORDER BY search_fts.rowid DESC
LIMIT 1 OFFSET :window
"""
_JOIN = "JOIN search_doc AS d ON d.id = search_fts.rowid"
# What a result row shows: the text for its snippet, the client code, the session number.
_SHOWN = text("""
SELECT d.id, f.heading, f.body, c.code, s.number
FROM search_doc AS d
JOIN search_fts AS f ON f.rowid = d.id
JOIN client AS c ON c.id = d.client_id
LEFT JOIN therapy_session AS s ON s.id = d.session_id
WHERE d.id IN :ids
""").bindparams(bindparam("ids", expanding=True))
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
def _snippet(heading: str, body: str, parsed: ParsedQuery) -> tuple[str, tuple[Span, ...]]:
    """From the body, or the heading when the hits are only there (a client, a person)."""
    if not heading or find_hits(body, parsed.terms):
        return make_snippet(body, parsed.terms)
    return make_snippet(heading, parsed.terms)


def _exactly(parsed: ParsedQuery, heading: str, body: str) -> bool:
    """Whether a text the index found holds the quoted words as typed (every ``OR`` group
    has a term there, no quoted word left out is there); always, without quotes."""
    if not parsed.exact:
        return True
    text = f"{heading}\n{body}"
    return (all(any(find_hits(text, (term,)) for term in group) for group in parsed.groups)
            and not any(find_hits(text, (term,)) for term in parsed.excluded_exact))


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
                limit: int, window: int = RANK_WINDOW) -> tuple[Sequence[Any], bool]:
    """(doc id, kind, source, session, client, date, rank) rows, best first.

    Also says whether the matches were more than ``window``, so that only the most
    recently written ``window`` of them were ranked.
    """
    values: dict[str, Any] = {
        "client_id": _hex(filters.client_id), "date_from": filters.date_from,
        "date_to": filters.date_to, "theme_id": _hex(filters.theme_id),
        "kinds": sorted(filters.kinds) or None,
    }
    used = {name: value for name, value in values.items() if value is not None}
    where = " ".join(_FILTERS[name] for name in used)

    def statement(sql: str) -> Any:
        clause = text(sql)
        return clause.bindparams(bindparam("kinds", expanding=True)) if "kinds" in used \
            else clause

    cut = session.execute(statement(_CUT.format(join=_JOIN if where else "", filters=where)),
                          {"query": fts, "window": window, **used}).scalar()
    if cut is not None:
        where += " AND search_fts.rowid > :cut"
        used["cut"] = cut
    rows = session.execute(statement(_RANKED.format(filters=where)),
                           {"query": fts, "limit": limit, **used}).all()
    return rows, cut is not None


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


class SearchService:
    """Full-text search over every note, addendum, mark comment, episode and client."""

    def __init__(self, vault: DatabaseProvider, rank_window: int = RANK_WINDOW) -> None:
        self._vault = vault
        self._window = rank_window

    def search(self, query: str, filters: SearchFilters | None = None,
               limit: int = DEFAULT_LIMIT) -> SearchResults:
        """Hits for what a person typed, best first.

        Input that cannot be searched as typed gives ``SearchResults.message`` (one
        sentence) and no hits; this never raises for any query text. Raises
        :class:`ValidationError` only for contradictory filters.
        """
        filters = filters or SearchFilters()
        _validate(filters, limit)
        words, measures = measure_filter.split(query)  # phq9>=15 and the like
        if measures.message or (measures.conditions and not words.strip()):
            return self._measures_only(query, measures, filters, limit)
        parsed = parse(words)
        if parsed.empty:
            return SearchResults(query, message=parsed.message)
        with self._vault.database.read() as session:
            # With measure conditions, every ranked candidate is read, then filtered.
            asked = self._window if measures.conditions else limit + 1
            allowed = {s.hex for s in measure_filter.sessions_meeting(
                session, measures.conditions)} if measures.conditions else None
            while True:
                rows, windowed = ranked_rows(session, parsed.fts, filters, asked,
                                             self._window)
                if allowed is not None:
                    rows = [row for row in rows if row.session_id in allowed]
                shown = self._shown(session, rows)
                found = [r for r in rows if _exactly(parsed, *shown[r.id][:2])]
                # Quoted words: the index found every form; keep the texts with the words
                # themselves, asking for more rows until the page is full or none are left.
                if len(found) > limit or len(rows) < asked or asked >= EXACT_CEILING:
                    break
                asked *= 4
            more = windowed or len(found) > limit
            hits = self._hits(parsed, found[:limit], shown)
        return SearchResults(query, hits, parsed.terms, more=more, windowed=windowed)

    def _measures_only(self, query: str, measures: measure_filter.MeasureFilter,
                       filters: SearchFilters, limit: int) -> SearchResults:
        """A search of measure conditions alone: every session meeting them."""
        if measures.message:
            return SearchResults(query, message=measures.message)
        with self._vault.database.read() as session:
            ids = measure_filter.sessions_meeting(session, measures.conditions)
            found = measure_filter.measured_sessions(session, ids, filters.client_id,
                                                     filters.date_from, filters.date_to,
                                                     limit + 1)
        hits = tuple(SearchHit(TextKind.PROCESS, s.session_id, s.client_id, s.client_code,
                               s.session_id, s.number, s.date, s.opening, (), 0.0)
                     for s in found[:limit])
        return SearchResults(query, hits, more=len(found) > limit)

    @staticmethod
    def _shown(session: Session, rows: Sequence[Any]) -> dict[Any, Any]:
        return {r[0]: r[1:] for r in session.execute(_SHOWN, {"ids": [r.id for r in rows]})}

    @staticmethod
    def _hits(parsed: ParsedQuery, rows: Sequence[Any],
              shown: dict[Any, Any]) -> tuple[SearchHit, ...]:
        hits = []
        for row in rows:
            heading, body, code, number = shown[row.id]
            snippet, spans = _snippet(heading, body, parsed)
            hits.append(SearchHit(
                row.kind, uuid.UUID(row.source_id), uuid.UUID(row.client_id), code,
                uuid.UUID(row.session_id) if row.session_id else None,
                number if row.session_id else None,
                _day(row.date), snippet, spans, float(row.rank)))
        return tuple(hits)

