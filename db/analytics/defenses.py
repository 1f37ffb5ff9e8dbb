"""Indicative defensive functioning per session, from the DMRS levels of marked defenses.

The published formula (Perry's DMRS; Di Giuseppe & Perry 2021): Overall Defensive
Functioning is the mean defense level of the defenses observed,

    ODF = Σ level × (weight at that level / all weight)

where the weight of a defense in a session depends on the scoring chosen
(:mod:`db.analytics.scoring`): 1 (presence, the default), its number of marks
(occurrences), or its intensity. A session without marked defenses has no ODF (None,
shown as "not enough data"), never 0. The rolling value pools the defenses of its window
(it is not a mean of session means), and every point carries the number of defenses
behind it.
"""

from __future__ import annotations

from db.analytics.dto import DefensePoint, Timeline
from db.analytics.scoring import DEFAULT_MIN_DEFENSES, DEFAULT_SCORING, weights
from db.vocabulary import DefenseLevel, OdfScoring

MATURE_LEVELS = frozenset({7})
NEUROTIC_LEVELS = frozenset({5, 6})
IMMATURE_LEVELS = frozenset({1, 2, 3, 4})
DEFAULT_WINDOW = 5


def defense_category(level: int) -> DefenseLevel:
    """The summary level (mature, neurotic, immature) of a DMRS level (1–7)."""
    if level in MATURE_LEVELS:
        return DefenseLevel.MATURE
    if level in NEUROTIC_LEVELS:
        return DefenseLevel.NEUROTIC
    if level in IMMATURE_LEVELS:
        return DefenseLevel.IMMATURE
    raise ValueError(f"DMRS levels run from 1 to 7, not {level}")


class _Sums:
    """Per column: Σ level × weight, Σ weight, defenses, weight per summary level."""

    def __init__(self, timeline: Timeline, scoring: OdfScoring) -> None:
        columns = len(timeline.sessions)
        self.level_weight = [0.0] * columns
        self.weight = [0.0] * columns
        self.defenses = [0] * columns
        self.by_kind = {kind: [0.0] * columns for kind in DefenseLevel}
        for row in timeline.rows:
            level = row.dmrs_level
            if level is None:
                continue
            kind = self.by_kind[defense_category(level)]
            for column, weight in zip(row.columns, weights(row, scoring), strict=True):
                self.level_weight[column] += level * weight
                self.weight[column] += weight
                self.defenses[column] += 1
                kind[column] += weight


def defensive_functioning(timeline: Timeline, window: int = DEFAULT_WINDOW, *,
                          scoring: OdfScoring = DEFAULT_SCORING,
                          min_defenses: int = DEFAULT_MIN_DEFENSES
                          ) -> tuple[DefensePoint, ...]:
    """One point per session (column) of ``timeline``, in session order.

    ``rolling_odf`` pools the defenses of the last ``window`` sessions (this one
    included): Σ level × weight / Σ weight over all of them, with ``rolling_defenses``
    the defenses it rests on. ``sparse`` says a point rests on fewer than
    ``min_defenses`` defenses.
    """
    if window < 1:
        raise ValueError("the window holds at least one session")
    sums = _Sums(timeline, scoring)
    points = []
    for index, session in enumerate(timeline.sessions):
        low = max(0, index - window + 1)
        pooled = sum(sums.weight[low:index + 1])
        rolling = sum(sums.level_weight[low:index + 1]) / pooled if pooled else None
        rolling_n = sum(sums.defenses[low:index + 1])
        total, n = sums.weight[index], sums.defenses[index]
        if total:
            mature, neurotic, immature = (sums.by_kind[k][index] / total for k in DefenseLevel)
            points.append(DefensePoint(
                session.session_id, session.number, session.date, n,
                sums.level_weight[index] / total, rolling, mature, neurotic, immature,
                weight=total, rolling_defenses=rolling_n, sparse=n < min_defenses))
        else:
            points.append(DefensePoint(session.session_id, session.number, session.date, 0,
                                       None, rolling, None, None, None,
                                       rolling_defenses=rolling_n))
    return tuple(points)


def overall_odf(timeline: Timeline, scoring: OdfScoring = DEFAULT_SCORING) -> float | None:
    """ODF over all sessions of the timeline pooled: under presence, every (session,
    defense) marked counts once. None without data."""
    sums = _Sums(timeline, scoring)
    total = sum(sums.weight)
    return sum(sums.level_weight) / total if total else None


def defenses_observed(timeline: Timeline) -> int:
    """The (session, defense) pairs marked: the n behind :func:`overall_odf`."""
    return sum(len(row.columns) for row in timeline.rows if row.dmrs_level is not None)
