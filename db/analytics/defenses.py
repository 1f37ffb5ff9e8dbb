"""Indicative defensive functioning per session, from the DMRS levels of marked defenses.

The published formula (Perry's DMRS; Di Giuseppe & Perry 2021): Overall Defensive
Functioning is the mean defense level of the defenses observed,

    ODF = Σ level × (defenses at that level / all defenses)

A defense marked in a session is one defense observed there, however strongly and on
however many passages it was marked (the intensity does not weight it; the reasons are in
``docs/timeline.md``). A session without marked defenses has no ODF (None, shown as "not
enough data"), never 0.
"""

from __future__ import annotations

from db.analytics.dto import DefensePoint, Timeline
from db.vocabulary import DefenseLevel

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


def rolling_mean(values: list[float | None], window: int) -> list[float | None]:
    """Trailing mean over the last ``window`` sessions, skipping sessions without a value.

    None where no session of the window has a value.
    """
    if window < 1:
        raise ValueError("the window holds at least one session")
    result: list[float | None] = []
    for index in range(len(values)):
        present = [v for v in values[max(0, index - window + 1):index + 1] if v is not None]
        result.append(sum(present) / len(present) if present else None)
    return result


def defensive_functioning(timeline: Timeline, window: int = DEFAULT_WINDOW
                          ) -> tuple[DefensePoint, ...]:
    """One point per session (column) of ``timeline``, in session order.

    Each defense marked in a session counts once: ODF is the mean DMRS level of those
    defenses, and the shares are the fractions of them that are mature, neurotic or
    immature.
    """
    columns = len(timeline.sessions)
    level_sum = [0] * columns
    counts = [0] * columns
    by_kind = {kind: [0] * columns for kind in DefenseLevel}
    for row in timeline.rows:
        level = row.dmrs_level
        if level is None:
            continue
        kind_counts = by_kind[defense_category(level)]
        for column in row.columns:
            level_sum[column] += level
            counts[column] += 1
            kind_counts[column] += 1
    odf: list[float | None] = [level_sum[i] / counts[i] if counts[i] else None
                               for i in range(columns)]
    rolling = rolling_mean(odf, window)
    mature, neurotic, immature = (by_kind[kind] for kind in DefenseLevel)
    points = []
    for index, session in enumerate(timeline.sessions):
        total = counts[index]
        if total:
            points.append(DefensePoint(session.session_id, session.number, session.date, total,
                                       odf[index], rolling[index], mature[index] / total,
                                       neurotic[index] / total, immature[index] / total))
        else:
            points.append(DefensePoint(session.session_id, session.number, session.date, 0,
                                       None, rolling[index], None, None, None))
    return tuple(points)


def overall_odf(timeline: Timeline) -> float | None:
    """ODF over all sessions of the timeline together: every (session, defense) marked
    counts once. None without data."""
    level_sum = total = 0
    for row in timeline.rows:
        if row.dmrs_level is None:
            continue
        level_sum += row.dmrs_level * len(row.columns)
        total += len(row.columns)
    return level_sum / total if total else None
