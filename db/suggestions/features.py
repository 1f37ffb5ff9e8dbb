"""Passages as TF-IDF vectors: words folded and stemmed, sublinear counts, unit length.

Everything here lives in memory. The vocabulary is made of the clinician's own words, so
it is client text: whoever holds a :class:`Vocabulary` drops it when the vault locks.

The texts are turned into one sparse matrix in coordinate form (:class:`Rows`), sorted by
row, built with a handful of numpy calls rather than a Python loop per word, so that the
passages of a large vault (about 100,000) are ready in a second or two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from db.progress import Cancel, checked
from db.search.stem import stem

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def words(text: str) -> list[str]:
    """The folded words of ``text`` (apostrophes inside a word kept: *didn't*)."""
    return WORD.findall(text.casefold().replace("’", "'"))


@dataclass(frozen=True)
class Rows:
    """A sparse matrix, one row per text: ``(row, column, value)`` triples sorted by row;
    ``starts[r]:starts[r + 1]`` are row ``r``'s entries."""

    row: Ints
    column: Ints
    value: Floats
    starts: Ints

    @property
    def count(self) -> int:
        return len(self.starts) - 1


@dataclass(frozen=True)
class Vocabulary:
    """Stemmed word → column, and each column's inverse document frequency."""

    columns: dict[str, int]
    idf: Floats

    @property
    def size(self) -> int:
        return len(self.columns)

    def vector(self, text: str) -> tuple[Ints, Floats]:
        """``text`` as (columns, values), unit length; words never seen are left out."""
        counts: dict[int, int] = {}
        for word in words(text):
            column = self.columns.get(stem(word))
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        values = tf * self.idf[columns]
        norm = float(np.sqrt(values @ values))
        return columns, values / norm if norm else values


def tf_idf(texts: Sequence[str], cancel: Cancel | None = None) -> tuple[Vocabulary, Rows]:
    """The vocabulary of ``texts`` and the texts as unit-length TF-IDF rows (``cancel`` is
    checked between texts and words)."""
    cancel = cancel or Cancel()
    tokens: list[str] = []
    lengths = np.zeros(len(texts), dtype=np.int64)
    for index, text in enumerate(checked(texts, cancel, every=32)):
        found = words(text)
        lengths[index] = len(found)
        tokens.extend(found)
    # Each distinct word once (C-speed dict and map calls, no Python loop per word), then
    # stemmed once: the raw ids map onto the stems' columns.
    raw = {word: i for i, word in enumerate(dict.fromkeys(tokens))}
    ids = np.fromiter(map(raw.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    columns: dict[str, int] = {}
    to_column = np.fromiter((columns.setdefault(stem(word), len(columns))
                             for word in checked(raw, cancel, every=64)),
                            dtype=np.int64, count=len(raw))
    column = to_column[ids] if len(ids) else np.zeros(0, np.int64)
    row = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    width = max(len(columns), 1)
    pairs, counts = np.unique(row * width + column, return_counts=True)
    row, column = pairs // width, pairs % width
    documents = np.bincount(column, minlength=len(columns)).astype(np.float64)
    idf = np.log((1.0 + len(texts)) / (1.0 + documents)) + 1.0
    value = (1.0 + np.log(counts.astype(np.float64))) * idf[column]
    norms = np.sqrt(np.bincount(row, weights=value * value, minlength=len(texts)))
    value = value / np.where(norms > 0, norms, 1.0)[row]
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=len(texts)), out=starts[1:])
    return Vocabulary(columns, idf), Rows(row, column, value, starts)
