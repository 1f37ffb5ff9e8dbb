"""Finding the hits in a text (editor highlighting, snippets), folded like the index."""

from __future__ import annotations

from db.search.hits import SNIPPET_CHARS, find_hits, fold, make_snippet
from db.search.query import parse


def marked(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_hits(text, parse(query).terms)]


def test_fold_keeps_every_position() -> None:
    assert fold("Ñandú, Böse CAFÉ Zoë") == "nandu, bose cafe zoe"
    text = "İstanbul straße ﬁne cafe\u0301"
    assert len(fold(text)) == len(text)


def test_words_phrases_and_prefixes() -> None:
    text = "The locked room. A room, locked; the LOCKSMITH's room."
    assert marked(text, "room") == ["room", "room", "room"]
    assert marked(text, '"locked room"') == ["locked room"]
    assert marked(text, '"room locked"') == ["room, locked"]  # across punctuation, as FTS5
    assert marked(text, "lock*") == ["locked", "locked", "LOCKSMITH"]
    assert marked(text, "roo") == []  # whole words only, like the index
    assert marked("under_score", "under") == ["under"]


def test_accents_case_and_decomposed_text() -> None:
    text = "Le Café de la Señora; cafe\u0301 again."  # the last one decomposed (NFD)
    assert marked(text, "cafe") == ["Café", "cafe\u0301"]
    assert marked(text, "SENORA") == ["Señora"]
    assert marked("Ñandú y niño", "nandu NIÑO") == ["Ñandú", "niño"]


def test_excluded_terms_are_not_marked_and_overlaps_merge() -> None:
    text = "dark water, dark night"
    assert marked(text, "dark -night") == ["dark", "dark"]
    assert find_hits(text, parse('"dark water" water').terms) == [(0, 10)]


def test_symbols_in_text_are_not_pattern_syntax() -> None:
    assert marked("a (b) [c] *d* $e", "b c d e") == ["b", "c", "d", "e"]


def test_snippet_centres_on_the_hits_and_cuts_between_words() -> None:
    words = [f"word{n}" for n in range(200)]
    words[120] = "Lantern"
    text = " ".join(words)
    snippet, spans = make_snippet(text, parse("lantern").terms)
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert len(snippet) <= SNIPPET_CHARS + 2
    assert [snippet[s:e] for s, e in spans] == ["Lantern"]
    inner = snippet.strip("…")
    assert inner.split()[0] in words
    assert inner.split()[-1] in words


def test_snippet_prefers_the_passage_with_most_terms() -> None:
    text = ("dream " + "filler " * 60 + "the dream about the locked room " + "filler " * 60)
    snippet, spans = make_snippet(text, parse("dream locked").terms)
    assert [snippet[s:e] for s, e in spans][-2:] == ["dream", "locked"]


def test_short_text_and_line_breaks() -> None:
    snippet, spans = make_snippet("One line.\nThe <b>room</b>.", parse("room").terms)
    assert snippet == "One line. The <b>room</b>."
    assert [snippet[s:e] for s, e in spans] == ["room"]
    assert make_snippet("", parse("room").terms) == ("", ())


def test_snippet_collapses_whitespace_and_keeps_spans_right() -> None:
    snippet, spans = make_snippet("First  paragraph.\n\n  The   room\tagain.", parse("room").terms)
    assert snippet == "First paragraph. The room again."
    assert [snippet[s:e] for s, e in spans] == ["room"]
