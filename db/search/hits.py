"""Where the terms of a search occur in a text, folded the way the index folds words.

Used for the note editor's highlighting (the index only says *which* notes match) and
for reading FTS5 snippets. Matching mirrors FTS5's unicode61 tokenizer with
``remove_diacritics 2``: case-insensitive, accents ignored (é = e, ö = o, ñ = n).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from db.search.query import HIT_END, HIT_START, Term, is_word_char

Span = tuple[int, int]


@lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """A word without case or diacritics ("Ñandú" -> "nandu")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    folded: str


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    start = -1
    for index, char in enumerate(text):
        word = is_word_char(char) or (start >= 0 and unicodedata.combining(char) > 0)
        if word and start < 0:
            start = index
        elif not word and start >= 0:
            tokens.append(_Token(start, index, fold(text[start:index])))
            start = -1
    if start >= 0:
        tokens.append(_Token(start, len(text), fold(text[start:])))
    return tokens


def find_hits(text: str, terms: Iterable[Term]) -> list[Span]:
    """Sorted, non-overlapping (start, end) character spans of every term in ``text``."""
    tokens = _tokens(text)
    spans: list[Span] = []
    for term in terms:
        wanted = [fold(t) for t in term.tokens]
        if not wanted:
            continue
        size = len(wanted)
        for index in range(len(tokens) - size + 1):
            window = tokens[index:index + size]
            if all(tok.folded == want for tok, want in zip(window[:-1], wanted[:-1],
                                                           strict=True)):
                last, want = window[-1].folded, wanted[-1]
                if last == want or (term.prefix and last.startswith(want)):
                    spans.append((window[0].start, window[-1].end))
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def read_snippet(marked: str) -> tuple[str, tuple[Span, ...]]:
    """Plain text and hit spans from an FTS5 snippet whose hits are wrapped in markers.

    Line breaks become spaces (a snippet is one line). Unpaired markers are dropped.
    """
    plain: list[str] = []
    spans: list[Span] = []
    opened = -1
    for char in marked:
        if char == HIT_START:
            opened = len(plain)
        elif char == HIT_END:
            if opened >= 0 and len(plain) > opened:
                spans.append((opened, len(plain)))
            opened = -1
        else:
            plain.append(" " if char in "\r\n\t\u2028\u2029" else char)
    return "".join(plain), tuple(_merge(spans))
