"""Where the terms of a search occur in a text, and the snippet shown for a hit.

The index says *which* texts match; this module finds *where*, for the snippets of the
results and for the note editor's highlighting, so that both always agree. Matching
mirrors FTS5's ``porter unicode61 remove_diacritics 2`` tokenizer: whole words, case and
accents ignored (é = e, ö = o, ñ = n), word forms (*irritated* for *irritation*, with
the same Porter stemmer, :mod:`db.search.stem`), phrases across punctuation, prefixes;
a quoted term (``exact``) matches its very words only.

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
from db.search.stem import stem

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
    # A handful of distinct non-ASCII characters: one C-speed replace each.
    for char in {c for c in lowered if not c.isascii()}:
        folded = _fold_char(char)
        if folded != char:
            lowered = lowered.replace(char, folded)
    return lowered


# A word, with the decomposed accents inside it (unicode61 drops them; so does stemming).
_WORDS = re.compile(r"(?:[^\W_][\u0300-\u036f]*)+")
_ACCENTS = re.compile(r"[\u0300-\u036f]")


def _stem_hits(folded: str, terms: tuple[Term, ...]) -> list[Span]:
    """Spans of the word-form terms: runs of words whose stems are the terms' stems."""
    words = [(m.start(), m.end(), stem(_ACCENTS.sub("", m.group())))
             for m in _WORDS.finditer(folded)]
    spans: list[Span] = []
    for term in terms:
        wanted = [stem(fold(t)) for t in term.tokens if t]
        if not wanted:
            continue
        last = fold(term.tokens[-1])
        for i in range(len(words) - len(wanted) + 1):
            ok = all(words[i + j][2] == wanted[j] for j in range(len(wanted) - 1))
            final = words[i + len(wanted) - 1]
            word = folded[final[0]:final[1]]
            if term.prefix:
                ok = ok and (final[2].startswith(wanted[-1]) or word.startswith(last))
            else:
                ok = ok and final[2] == wanted[-1]
            if ok:
                spans.append((words[i][0], final[1]))
    return spans


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
    # No look-behind: the word boundaries are checked only where a term was found.
    return re.compile("|".join(alternatives))


def find_hits(text: str, terms: Iterable[Term]) -> list[Span]:
    """Sorted, non-overlapping (start, end) character spans of every term in ``text``."""
    terms = tuple(terms)
    if not text:
        return []
    folded = fold(text)
    forms = tuple(t for t in terms if not t.exact)
    spans = _stem_hits(folded, forms) if forms else []
    pattern = _pattern(tuple(t for t in terms if t.exact))
    if pattern is None:
        return _merge(spans)
    for match in pattern.finditer(folded):
        start, end = match.span()
        if start > 0 and _is_word(folded[start - 1]):
            continue
        while end < len(folded) and unicodedata.combining(folded[end]):
            end += 1  # a decomposed accent belongs to the word
        if end < len(folded) and _is_word(folded[end]):
            continue
        spans.append((start, end))
    return _merge(spans)


def _is_word(char: str) -> bool:
    return char.isalnum()


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
