"""Training the theme suggestions on a vault's marked passages, and measuring them.

:func:`train` turns the marks (theme, quoted passage) into a :class:`Suggester` held in
memory only — nothing of it is ever written anywhere — or says why suggestions are off:
fewer than :data:`MIN_PASSAGES` marked passages, or no theme with :data:`MIN_PER_THEME`.
Its :class:`Accuracy` is measured by cross-validation on the same marks: the distinct
passages are dealt into :data:`FOLDS` folds, each fold is suggested for by a model that
never saw it, and a suggestion counts as right when the passage was marked with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from db.progress import Cancel, checked
from db.suggestions.features import Ints, Rows, Vocabulary, tf_idf
from db.suggestions.model import class_sums, score_rows, top, weights

MIN_PASSAGES = 200  # marked passages before any suggestion is made
MIN_PER_THEME = 10  # marked passages of a theme before it is suggested
SHOWN = 3  # suggestions in the picker
FOLDS = 5
MEASURED = 10_000  # distinct passages scored in the cross-validation at most (a sample)
SEED = 19  # the folds and the sample are the same on every run of the same marks


class MarkedPassage(NamedTuple):
    """A theme and the words it marks (a tuple: a vault's worth are made at once)."""

    theme_id: uuid.UUID
    text: str


@dataclass(frozen=True)
class Accuracy:
    """Share of passages whose marked theme was the first suggestion / among the three."""

    top1: float
    top3: float
    measured: int  # distinct passages scored


@dataclass(frozen=True)
class Report:
    """What the Settings dialog says: how much there is to learn from, and how well."""

    passages: int  # marked passages in the vault
    themes: int  # themes with enough passages to be suggested
    accuracy: Accuracy | None  # None: suggestions are off

    @property
    def on(self) -> bool:
        return self.accuracy is not None


class Suggester:
    """A trained model: up to three themes for a passage's words. Holds client words
    (its vocabulary): the owner drops it when the vault locks."""

    def __init__(self, vocabulary: Vocabulary, weight: np.ndarray,
                 themes: tuple[uuid.UUID, ...], report: Report) -> None:
        self._vocabulary = vocabulary
        self._weight = weight
        self._themes = themes
        self.report = report

    def suggest(self, text: str, allowed: Collection[uuid.UUID] | None = None,
                limit: int = SHOWN) -> list[uuid.UUID]:
        """The likeliest themes for ``text``, best first, only those in ``allowed`` (the
        themes offered for the session); none when no word of it was ever marked."""
        columns, values = self._vocabulary.vector(text)
        if not len(columns):
            return []
        scores = values @ self._weight[columns]
        if allowed is not None:
            wanted = set(allowed)
            scores = np.where([theme in wanted for theme in self._themes], scores, -np.inf)
        order = np.argsort(-scores, kind="stable")[:limit]
        return [self._themes[i] for i in order if np.isfinite(scores[i])]


@dataclass(frozen=True)
class _Examples:
    rows: Rows  # one per distinct passage text
    docs: Ints  # example -> row
    labels: Ints  # example -> theme index


def _examples(marked: Sequence[MarkedPassage], themes: tuple[uuid.UUID, ...],
              cancel: Cancel) -> tuple[Vocabulary, _Examples]:
    index = {theme: i for i, theme in enumerate(themes)}
    texts: dict[str, int] = {}
    docs, labels = [], []
    for mark in checked(marked, cancel):
        if mark.theme_id in index:
            docs.append(texts.setdefault(" ".join(mark.text.split()), len(texts)))
            labels.append(index[mark.theme_id])
    vocabulary, rows = tf_idf(list(texts), cancel)
    return vocabulary, _Examples(rows, np.asarray(docs, np.int64), np.asarray(labels, np.int64))


def report_only(marked: Sequence[MarkedPassage], cancel: Cancel | None = None) -> Report:
    """How far the marks are from the thresholds, without training."""
    counts: dict[uuid.UUID, int] = {}
    for mark in checked(marked, cancel or Cancel()):
        counts[mark.theme_id] = counts.get(mark.theme_id, 0) + 1
    return Report(len(marked), sum(1 for n in counts.values() if n >= MIN_PER_THEME), None)


def train(marked: Sequence[MarkedPassage], cancel: Cancel | None = None,
          measure: bool = True) -> Suggester | Report:
    """A :class:`Suggester` for these marks, or the :class:`Report` of why not (too few).

    ``measure=False`` skips the cross-validation (its accuracy then reads 0). Raises
    :class:`db.errors.Cancelled` when ``cancel`` is set between steps.
    """
    cancel = cancel or Cancel()
    report = report_only(marked, cancel)
    if report.passages < MIN_PASSAGES or report.themes == 0:
        return report
    counts: dict[uuid.UUID, int] = {}
    for mark in checked(marked, cancel):
        counts[mark.theme_id] = counts.get(mark.theme_id, 0) + 1
    themes = tuple(sorted((t for t, n in counts.items() if n >= MIN_PER_THEME), key=str))
    vocabulary, examples = _examples(marked, themes, cancel)
    cancel.check()
    sums = class_sums(examples.rows, examples.docs, examples.labels, len(themes),
                      vocabulary.size)
    cancel.check()
    accuracy = (cross_validate(examples, sums, len(themes), vocabulary.size, cancel)
                if measure else Accuracy(0.0, 0.0, 0))
    return Suggester(vocabulary, weights(sums), themes,
                     Report(report.passages, len(themes), accuracy))


def cross_validate(examples: _Examples, sums: np.ndarray, classes: int, width: int,
                   cancel: Cancel) -> Accuracy:
    """Top-1 and top-3 accuracy over :data:`FOLDS` folds of the distinct passages."""
    rows = examples.rows
    rng = np.random.default_rng(SEED)
    fold_of = rng.permutation(rows.count) % FOLDS
    measured = np.zeros(rows.count, dtype=bool)
    measured[rng.permutation(rows.count)[:MEASURED]] = True
    marked_with = np.zeros((rows.count, classes), dtype=bool)
    marked_with[examples.docs, examples.labels] = True
    hits1 = hits3 = total = 0
    for fold in range(FOLDS):
        cancel.check()
        held = fold_of[examples.docs] == fold
        trained = sums - class_sums(rows, examples.docs[held], examples.labels[held],
                                    classes, width)
        docs = np.flatnonzero((fold_of == fold) & measured)
        if not len(docs):
            continue
        best = top(score_rows(weights(trained), rows, docs), 3)
        right = np.take_along_axis(marked_with[docs], best, axis=1)
        hits1 += int(right[:, 0].sum())
        hits3 += int(right.any(axis=1).sum())
        total += len(docs)
    return Accuracy(hits1 / total if total else 0.0, hits3 / total if total else 0.0, total)
