"""What a person types, turned into a safe FTS5 query.

The language (docs/search.md): words must all match; ``"quoted phrases"``; ``word*`` for
a prefix; ``OR`` (in capitals) between two words or phrases; ``-word`` or ``-"phrase"`` to
exclude. Everything else is plain text: FTS5 syntax (``NEAR(``, ``col:``, ``^``, ``+``,
parentheses) and symbols are read as word separators, an unbalanced quote is ignored,
a lone ``-`` or ``*`` means nothing. Every word reaches FTS5 inside double quotes, so no
input can be read as an FTS5 operator, and :func:`parse` never raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 500
MAX_TERMS = 24
MIN_PREFIX = 2

TOO_LONG = f"That search is too long; keep it under {MAX_CHARS} characters."
TOO_MANY = f"That search has too many words; use at most {MAX_TERMS}."
NOTHING = "There is no word to search for in that; type letters or numbers."
ONLY_EXCLUDED = "Add a word to look for; a search cannot only leave words out."

# Split on whitespace but keep "quoted parts" together (an unclosed quote runs to the end).
_CHUNK = re.compile(r'(-?)"([^"]*)("?)(\*?)|([^\s"]+)')
_SEPARATORS = re.compile(r"[^\w'’\-./*]+|_")


def is_word_char(char: str) -> bool:
    """The characters FTS5's unicode61 tokenizer keeps in a token: letters, digits, Co."""
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Co"


def tokens_of(text: str) -> list[str]:
    """The tokens of ``text`` as unicode61 sees them (case and accents left as typed)."""
    tokens: list[str] = []
    current: list[str] = []
    for char in text:
        if is_word_char(char):
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word or a phrase (its tokens), maybe a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False
    #: Typed in quotes: these very words, not their other forms (the index matches word
    #: forms; :mod:`db.search.service` keeps only texts with the exact words).
    exact: bool = False

    def fts(self) -> str:
        quoted = '"' + " ".join(self.tokens) + '"'
        return quoted + "*" if self.prefix else quoted

    @property
    def text(self) -> str:
        return " ".join(self.tokens) + ("*" if self.prefix else "")


@dataclass(frozen=True)
class ParsedQuery:
    """The outcome of :func:`parse`.

    ``fts`` is the FTS5 MATCH expression ("" when there is nothing to search for);
    ``terms`` are the positive terms, for highlighting; ``message`` is one sentence for
    the clinician when the input cannot be searched as typed.
    """

    fts: str
    terms: tuple[Term, ...] = ()
    message: str | None = None
    #: The positive terms in their ``OR`` groups (every group must match), and the
    #: quoted words left out: what the exact check needs (``exact`` says whether one is).
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded_exact: tuple[Term, ...] = ()

    @property
    def exact(self) -> bool:
        return bool(self.excluded_exact) or any(t.exact for g in self.groups for t in g)

    @property
    def empty(self) -> bool:
        return not self.fts


def _clean(text: str) -> str:
    """NFC, and control or format characters become spaces."""
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c for c in text)


def _chunk_terms(raw: str) -> tuple[list[Term], bool]:
    """A bare chunk (no quotes): its terms and whether it was negated with ``-``.

    Words joined by an apostrophe, hyphen, dot or slash ("don't", "self-harm") stay
    together as a phrase, the way FTS5 indexed them; any other symbol separates words.
    """
    negated = raw.startswith("-") and len(raw) > 1
    if negated:
        raw = raw[1:]
    pieces = [p for p in _SEPARATORS.split(raw) if p]
    terms: list[Term] = []
    for index, piece in enumerate(pieces):
        tokens = tuple(tokens_of(piece))
        if not tokens:
            continue
        # A star right after the last word of the chunk ("lock*") asks for a prefix.
        last = index == len(pieces) - 1
        prefix = (last and piece.endswith("*") and len(tokens[-1]) >= MIN_PREFIX
                  and is_word_char(piece.rstrip("*")[-1:] or " "))
        terms.append(Term(tokens, prefix))
    return terms, negated


def parse(text: str) -> ParsedQuery:
    """Parse what a person typed; never raises."""
    if len(text) > MAX_CHARS:
        return ParsedQuery("", message=TOO_LONG)
    typed, text = text, _clean(text)
    # Items: Term, or the string "OR"; negated terms go aside.
    items: list[Term | str] = []
    excluded: list[Term] = []
    for match in _CHUNK.finditer(text):
        minus, quoted, closing, star, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                items.append("OR")
                continue
            terms, negated = _chunk_terms(bare)
        else:
            tokens = tuple(tokens_of(quoted))
            terms = [Term(tokens, bool(star) and bool(closing), exact=True)] if tokens else []
            negated = bool(minus)
        (excluded if negated else items).extend(terms)
    groups = _or_groups(items)
    count = sum(len(g) for g in groups) + len(excluded)
    if count > MAX_TERMS:
        return ParsedQuery("", message=TOO_MANY)
    if not groups:
        message = ONLY_EXCLUDED if excluded else NOTHING if typed.strip() else None
        return ParsedQuery("", message=message)
    parts = [g[0].fts() if len(g) == 1 else "(" + " OR ".join(t.fts() for t in g) + ")"
             for g in groups]
    fts = " AND ".join(parts)
    for term in excluded:
        if not term.exact:  # a quoted word is left out by the exact check, not its forms
            fts += " NOT " + term.fts()
    return ParsedQuery(fts, tuple(t for g in groups for t in g),
                       groups=tuple(tuple(g) for g in groups),
                       excluded_exact=tuple(t for t in excluded if t.exact))


def _or_groups(items: list[Term | str]) -> list[list[Term]]:
    """Join terms around ``OR`` into groups; a dangling ``OR`` is ignored."""
    groups: list[list[Term]] = []
    pending_or = False
    for item in items:
        if isinstance(item, str):
            pending_or = bool(groups)
            continue
        if pending_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    return groups
