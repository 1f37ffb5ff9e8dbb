"""Frozen results of a search, safe to pass between threads and to the GUI."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from db.search.hits import Span
from db.search.query import Term
from db.vocabulary import TextKind

#: What a hit can be, in the order the filters list them.
KINDS = tuple(TextKind)
KIND_LABELS: dict[str, str] = {
    TextKind.PROCESS: "Process note", TextKind.PROGRESS: "Progress note",
    TextKind.ADDENDUM: "Addendum", TextKind.MARK: "Mark comment",
    TextKind.EPISODE: "Relational episode", TextKind.CLIENT: "Client",
}


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search: one client, a date range (inclusive), a theme, some kinds."""

    client_id: uuid.UUID | None = None
    date_from: date | None = None
    date_to: date | None = None
    theme_id: uuid.UUID | None = None
    kinds: frozenset[str] = frozenset()  # empty: every kind


@dataclass(frozen=True)
class SearchHit:
    """One text that matched; ``snippet`` is plain text, ``spans`` mark the hits in it.

    ``session_id``, ``number`` and ``date`` are None for a hit on the client itself.
    ``score`` is FTS5's bm25 rank: lower is better.
    """

    kind: str
    source_id: uuid.UUID
    client_id: uuid.UUID
    client_code: str
    session_id: uuid.UUID | None
    number: int | None
    date: date | None
    snippet: str
    spans: tuple[Span, ...]
    score: float


@dataclass(frozen=True)
class SearchResults:
    """The hits, best first; ``message`` explains input that could not be searched."""

    query: str
    hits: tuple[SearchHit, ...] = ()
    terms: tuple[Term, ...] = ()
    message: str | None = None
    more: bool = False  # more hits exist beyond ``limit``
    #: The query matched so many texts that only the most recently written were ranked.
    windowed: bool = False
