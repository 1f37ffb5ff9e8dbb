"""Where the terms of a search occur in a text, and the snippet shown for a hit.

The index says *which* texts match; this module finds *where*, for the snippets of the
results and for the note editor's highlighting, so that both always agree. Matching
mirrors FTS5's unicode61 tokenizer with ``remove_diacritics 2``: whole words, case and
accents ignored (é = e, ö = o, ñ = n), phrases across punctuation, prefixes.

Speed matters (a snippet for each of twenty results on every keystroke): the text is
folded with one ``str.translate`` that keeps every character's position, and the terms
are found with one compiled regular expression.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from db.search.query import Term

Span = tuple[int, int]

SNIPPET_CHARS = 180
_WORD = r"[^\W_]"
_GAP = r"[\W_]+"


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character, folded to one character (so positions never move)."""
    if unicodedata.combining(char):
        return char
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    base = unicodedata.normalize("NFKD", lower)[:1]
    return base if len(base) == 1 and base.isalnum() == lower.isalnum() else lower


def fold(text: str) -> str:
    """``text`` without case or diacritics, character for character ("Ñandú" -> "nandu")."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer (İ)
        lowered = "".join(_fold_char(c) for c in text)
    if lowered.isascii():
        return lowered
    table = {ord(c): _fold_char(c) for c in set(lowered) if not c.isascii()}
    return lowered.translate(table)


@lru_cache(maxsize=256)
def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    alternatives = []
    for term in terms:
        words = [re.escape(fold(t)) for t in term.tokens if t]
        if not words:
            continue
        tail = f"{_WORD}*" if term.prefix else ""
        alternatives.append(_GAP.join(words) + tail)
    if not alternatives:
        return None
    # Longest first, so that a phrase wins over one of its words at the same place.
    alternatives.sort(key=len, reverse=True)
    body = "|".join(alternatives)
    return re.compile(rf"(?<!{_WORD})(?:{body})(?!{_WORD})[\u0300-\u036f]*")


def find_hits(text: str, terms: Iterable[Term]) -> list[Span]:
    """Sorted, non-overlapping (start, end) character spans of every term in ``text``."""
    pattern = _pattern(tuple(terms))
    if pattern is None or not text:
        return []
    return _merge([m.span() for m in pattern.finditer(fold(text))])


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _best_start(text: str, spans: list[Span], width: int) -> int:
    """Where the window of ``width`` characters holding the most distinct hits begins."""
    best, best_score = spans[0][0], -1
    for index, (start, _) in enumerate(spans):
        inside = {text[s:e].casefold() for s, e in spans[index:] if e <= start + width}
        score = len(inside) * 100 + sum(1 for s, e in spans[index:] if e <= start + width)
        if score > best_score:
            best, best_score = start, score
    return best


def make_snippet(text: str, terms: Iterable[Term],
                 width: int = SNIPPET_CHARS) -> tuple[str, tuple[Span, ...]]:
    """A one-line extract of ``text`` around its best cluster of hits, and their spans.

    Plain text (never markup): runs of whitespace and line breaks become one space, cuts
    fall between words and are shown with "…".
    """
    spans = find_hits(text, terms)
    if spans:
        anchor = _best_start(text, spans, width)
        start = max(0, anchor - width // 4)
    else:
        start = 0
    end = min(len(text), start + width)
    if end == len(text):
        start = max(0, end - width)
    if start > 0:  # begin at a word
        space = text.find(" ", start, anchor if spans else end)
        start = space + 1 if space >= 0 else start
    if end < len(text):  # end after a word
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    line, index = _one_line(text[start:end])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix)
    inside = tuple((index[max(s, start) - start] + shift, index[min(e, end) - start] + shift)
                   for s, e in spans if s < end and e > start)
    return prefix + line + suffix, inside


def _one_line(extract: str) -> tuple[str, list[int]]:
    """``extract`` with each run of whitespace as one space, and where each index went."""
    out: list[str] = []
    index: list[int] = []
    for char in extract:
        index.append(len(out))
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(char)
    index.append(len(out))
    return "".join(out), index
