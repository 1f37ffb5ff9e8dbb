"""Complement naive Bayes over TF-IDF rows (Rennie et al., 2003), in numpy.

A theme's weight for a word comes from how often the word appears in passages marked with
*other* themes (the complement): with many themes and few passages each, the complement
has far more text to learn from than the theme itself, which is why this model suits a
clinician's marks (a few dozen themes, tens of passages each) better than plain naive
Bayes. Training is a sum per theme and a logarithm (no iterations), and a suggestion is
one small matrix product, so both stay quick without scikit-learn (see
docs/architecture-notes.md, "Theme suggestions").
"""

from __future__ import annotations

from typing import cast

import numpy as np

from db.suggestions.features import Floats, Ints, Rows

ALPHA = 1.0  # additive smoothing of the complement counts (scikit-learn's default)
CHUNK = 2_000  # rows scored at once: bounds the memory of a cross-validation fold


def entries_of(rows: Rows, docs: Ints) -> tuple[Ints, Ints]:
    """The entry positions of rows ``docs`` (concatenated) and how many each row has."""
    lengths = rows.starts[docs + 1] - rows.starts[docs]
    total = int(lengths.sum())
    before = np.cumsum(lengths) - lengths
    positions = np.repeat(rows.starts[docs] - before, lengths) + np.arange(total)
    return positions, lengths


def class_sums(rows: Rows, docs: Ints, labels: Ints, classes: int, width: int) -> Floats:
    """Per class, the sum of the rows of its examples (example ``i``: row ``docs[i]``,
    class ``labels[i]``), as a ``classes × width`` array."""
    positions, lengths = entries_of(rows, docs)
    flat = np.repeat(labels, lengths) * width + rows.column[positions]
    sums = np.bincount(flat, weights=rows.value[positions], minlength=classes * width)
    return cast(Floats, sums.reshape(classes, width))  # weighted: float64, not int


def weights(sums: Floats) -> Floats:
    """Each class's word weights from the classes' sums (``width × classes``, so that the
    rows of a passage's words are gathered in one take)."""
    complement = sums.sum(axis=0, keepdims=True) - sums + ALPHA
    logged = np.log(complement / complement.sum(axis=1, keepdims=True))
    return np.ascontiguousarray((-logged).T)


def score_rows(weight: Floats, rows: Rows, docs: Ints) -> Floats:
    """The class scores of rows ``docs`` (``len(docs) × classes``); higher is likelier."""
    out = np.zeros((len(docs), weight.shape[1]))
    for first in range(0, len(docs), CHUNK):
        chunk = docs[first:first + CHUNK]
        positions, lengths = entries_of(rows, chunk)
        if not len(positions):
            continue
        parts = weight[rows.column[positions]] * rows.value[positions, None]
        _sum_by_owner(out[first:first + len(chunk)], parts, lengths)
    return out


def _sum_by_owner(block: Floats, parts: Floats, lengths: Ints) -> None:
    """Sum consecutive runs of ``parts`` (one run per row, ``lengths`` long) into ``block``."""
    filled = lengths > 0
    starts = (np.cumsum(lengths) - lengths)[filled]
    block[filled] = np.add.reduceat(parts, starts, axis=0)


def top(scores: Floats, limit: int) -> Ints:
    """The ``limit`` best class indices of each row of ``scores``, best first."""
    limit = min(limit, scores.shape[1])
    best = np.argpartition(-scores, limit - 1, axis=1)[:, :limit]
    order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
    return np.take_along_axis(best, order, axis=1)
