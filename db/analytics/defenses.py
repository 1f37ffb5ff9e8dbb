"""Indicative defensive functioning per session, from the DMRS levels of marked defenses.

ODF of a session = Σ level × weight / Σ weight over the defenses marked in it, where a
defense's weight is its combined intensity in that session (1–3). This mirrors the DMRS
Q-sort, where each defense contributes in proportion to how characteristic it was judged;
the reasoning is in ``docs/timeline.md``. A session without marked defenses has no ODF
(None, shown as "not enough data"), never 0.
"""

from __future__ import annotations

from db.analytics.dto import DefensePoint, Timeline

MATURE_LEVELS = frozenset({7})
NEUROTIC_LEVELS = frozenset({5, 6})
IMMATURE_LEVELS = frozenset({1, 2, 3, 4})
DEFAULT_WINDOW = 5


def defense_category(level: int) -> str:
    """"mature", "neurotic" or "immature" for a DMRS level (1–7)."""
    if level in MATURE_LEVELS:
        return "mature"
    if level in NEUROTIC_LEVELS:
        return "neurotic"
    if level in IMMATURE_LEVELS:
        return "immature"
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
    """One point per session (column) of ``timeline``, in session order."""
    columns = len(timeline.sessions)
    weighted = [0.0] * columns
    weights = [0] * columns
    counts = [0] * columns
    shares = [{"mature": 0, "neurotic": 0, "immature": 0} for _ in range(columns)]
    for row in timeline.rows:
        if row.dmrs_level is None:
            continue
        kind = defense_category(row.dmrs_level)
        for cell in row.cells:
            weighted[cell.column] += row.dmrs_level * cell.intensity
            weights[cell.column] += cell.intensity
            counts[cell.column] += 1
            shares[cell.column][kind] += cell.intensity
    odf: list[float | None] = [weighted[i] / weights[i] if weights[i] else None
                               for i in range(columns)]
    rolling = rolling_mean(odf, window)
    points = []
    for index, column in enumerate(timeline.sessions):
        total = weights[index]

        def share(kind: str, index: int = index, total: int = total) -> float | None:
            return shares[index][kind] / total if total else None

        points.append(DefensePoint(column.session_id, column.number, column.date,
                                   counts[index], odf[index], rolling[index],
                                   share("mature"), share("neurotic"), share("immature")))
    return tuple(points)


def overall_odf(timeline: Timeline) -> float | None:
    """ODF over all sessions of the timeline together (same weights), None without data."""
    weighted = total = 0
    for row in timeline.rows:
        if row.dmrs_level is None:
            continue
        for cell in row.cells:
            weighted += row.dmrs_level * cell.intensity
            total += cell.intensity
    return weighted / total if total else None
