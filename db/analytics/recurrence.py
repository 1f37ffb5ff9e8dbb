"""How each theme comes and goes across sessions: first and last seen, runs, gaps.

Counted in sessions (columns of the timeline), not in days: a run is consecutive sessions
with the theme, a gap is the number of sessions without it between two with it.
"""

from __future__ import annotations

from db.analytics.dto import RecurrenceRow, Reemergence, Timeline

DEFAULT_REEMERGENCE_GAP = 5


def longest_run(columns: tuple[int, ...]) -> int:
    best = run = 0
    previous = None
    for column in columns:
        run = run + 1 if previous is not None and column == previous + 1 else 1
        best = max(best, run)
        previous = column
    return best


def gaps(columns: tuple[int, ...]) -> list[int]:
    """Sessions without the theme between each pair of consecutive sessions with it."""
    return [later - earlier - 1 for earlier, later in zip(columns, columns[1:], strict=False)]


def recurrence(timeline: Timeline, reemergence_gap: int = DEFAULT_REEMERGENCE_GAP
               ) -> tuple[RecurrenceRow, ...]:
    """One row per theme of the timeline, in the timeline's row order.

    A re-emergence is a return after at least ``reemergence_gap`` sessions without the theme.
    """
    if reemergence_gap < 1:
        raise ValueError("a re-emergence follows at least one session without the theme")
    result = []
    total = len(timeline.sessions)
    for row in timeline.rows:
        columns = row.columns
        if not columns:
            continue
        first, last = timeline.sessions[columns[0]], timeline.sessions[columns[-1]]
        between = gaps(columns)
        returns = tuple(
            Reemergence(timeline.sessions[later].number, timeline.sessions[later].date, gap)
            for gap, later in zip(between, columns[1:], strict=True) if gap >= reemergence_gap
        )
        result.append(RecurrenceRow(
            row.theme_id, row.name, row.color, row.group_name, first.number, first.date,
            last.number, last.date, len(columns), len(columns) / total if total else 0.0,
            longest_run(columns), max(between, default=0), returns))
    return tuple(result)
