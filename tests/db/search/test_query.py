"""The query language: what people type becomes a safe FTS5 expression, never an error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.search.query import MAX_CHARS, MAX_TERMS, NOTHING, ONLY_EXCLUDED, TOO_LONG, TOO_MANY, parse


@pytest.mark.parametrize(("typed", "fts"), [
    ("locked room", '"locked" AND "room"'),
    ('"locked room"', '"locked room"'),
    ('"locked room" mother', '"locked room" AND "mother"'),
    ("lock*", '"lock"*'),
    ('"the lock"*', '"the lock"*'),
    ("mother OR father", '("mother" OR "father")'),
    ("dream mother OR father", '"dream" AND ("mother" OR "father")'),
    ("dream -nightmare", '"dream" NOT "nightmare"'),
    ('dream -"bad dream"', '"dream"'),  # a quoted word is left out by the exact check
    ("don't", '"don t"'),
    ("self-harm", '"self harm"'),
    ("Café", '"Café"'),
    ("or and not", '"or" AND "and" AND "not"'),
])
def test_the_language(typed: str, fts: str) -> None:
    parsed = parse(typed)
    assert (parsed.fts, parsed.message) == (fts, None)


@pytest.mark.parametrize(("typed", "fts"), [
    ('"locked room', '"locked room"'),          # unbalanced quote: the rest is a phrase
    ('locked" room', '"locked" AND "room"'),    # stray quote: ignored
    ("a*", '"a"'),                              # one-letter prefix: too broad, a word
    ("NEAR(dream mother)", '"NEAR" AND "dream" AND "mother"'),
    ("NEAR", '"NEAR"'),
    ("body:dream", '"body" AND "dream"'),       # column filter
    ("^dream", '"dream"'),                      # initial-token query
    ("+dream (mother)", '"dream" AND "mother"'),
    ("AND", '"AND"'),
    ("NOT dream", '"NOT" AND "dream"'),
    ("dream OR", '"dream"'),
    ("OR dream", '"dream"'),
    ("dream OR OR sea", '("dream" OR "sea")'),
    ("dream 🙂 sea", '"dream" AND "sea"'),
    ("dream\x00sea\x1b[31m", '"dream" AND "sea" AND "31m"'),  # control characters
    ("dream\u200bsea", '"dream" AND "sea"'),    # zero-width space (format character)
    ("   ", ""),
    ("", ""),
])
def test_bad_input_is_read_as_plain_words(typed: str, fts: str) -> None:
    parsed = parse(typed)
    assert parsed.fts == fts
    assert parsed.message is None


@pytest.mark.parametrize("typed", ["-", "*", "OR", "🙂", '""', "^", "( )", "\x00"])
def test_nothing_to_search_for_explains(typed: str) -> None:
    parsed = parse(typed)
    assert (parsed.fts, parsed.message) == ("", NOTHING)


def test_excluding_only_explains() -> None:
    assert parse("-dream").message == ONLY_EXCLUDED
    assert parse('-"bad dream" -sea').message == ONLY_EXCLUDED
    assert parse("-dream").empty


def test_very_long_queries_explain() -> None:
    assert parse("x" * (MAX_CHARS + 1)).message == TOO_LONG
    assert parse(" ".join(["dream"] * (MAX_TERMS + 1))).message == TOO_MANY
    assert parse(" ".join(["dream"] * MAX_TERMS)).message is None


def test_positive_terms_are_kept_for_highlighting() -> None:
    parsed = parse('"locked room" lock* -cellar mother OR father')
    assert [t.text for t in parsed.terms] == ["locked room", "lock*", "mother", "father"]


@given(st.text(max_size=120))
def test_any_text_gives_a_query_that_only_quotes_words(typed: str) -> None:
    parsed = parse(typed)
    # Outside quoted strings only operators, parentheses, spaces and stars remain.
    outside = parsed.fts.split('"')[0::2]
    leftover = "".join(outside).replace("AND", "").replace("OR", "").replace("NOT", "")
    assert set(leftover) <= set(" ()*")
