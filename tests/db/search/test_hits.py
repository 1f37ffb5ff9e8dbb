"""Finding the hits in a note's text (for the editor) and reading FTS5 snippets."""

from __future__ import annotations

from db.search.hits import find_hits, fold, read_snippet
from db.search.query import HIT_END, HIT_START, parse


def marked(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_hits(text, parse(query).terms)]


def test_fold() -> None:
    assert [fold(w) for w in ("Ñandú", "Böse", "CAFÉ", "Zoë")] == ["nandu", "bose", "cafe",
                                                                   "zoe"]


def test_words_phrases_and_prefixes() -> None:
    text = "The locked room. A room, locked; the LOCKSMITH's room."
    assert marked(text, "room") == ["room", "room", "room"]
    assert marked(text, '"locked room"') == ["locked room"]
    assert marked(text, "lock*") == ["locked", "locked", "LOCKSMITH"]
    assert marked(text, "roo") == []  # whole words only, like the index


def test_accents_case_and_decomposed_text() -> None:
    text = "Le Café de la Señora; cafe\u0301 again."  # the last one decomposed (NFD)
    assert marked(text, "cafe") == ["Café", "cafe\u0301"]
    assert marked(text, "SENORA") == ["Señora"]


def test_excluded_terms_are_not_marked_and_overlaps_merge() -> None:
    text = "dark water, dark night"
    assert marked(text, "dark -night") == ["dark", "dark"]
    assert find_hits(text, parse('"dark water" water').terms) == [(0, 10)]


def test_read_snippet() -> None:
    plain, spans = read_snippet(f"…the {HIT_START}locked{HIT_END}\n{HIT_START}room{HIT_END}…")
    assert plain == "…the locked room…"
    assert [plain[s:e] for s, e in spans] == ["locked", "room"]
    # Unpaired markers (a note that itself contained one) are dropped, not trusted.
    plain, spans = read_snippet(f"a{HIT_END}b {HIT_START}c")
    assert (plain, spans) == ("ab c", ())
