"""How each theme comes and goes across sessions: first and last seen, runs, gaps.

Counted in sessions (columns of the timeline), not in days: a run is consecutive sessions
with the theme, a gap is the number of sessions without it between two with it.
"""

from __future__ import annotations

from db.analytics.dto import RecurrenceRow, Reemergence, Timeline

DEFAULT_REEMERGENCE_GAP = 5


def longest_run(columns: tuple[int, ...]) -> int:
    """The most consecutive sessions with the theme."""
    return _longest_run(gaps(columns)) if columns else 0


def _longest_run(between: list[int]) -> int:
    """The longest run, from the gaps between the sessions with the theme (0 = next)."""
    best = run = 0
    for gap in between:
        if gap:
            run = 0
        else:
            run += 1
            if run > best:
                best = run
    return best + 1


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
    sessions = timeline.sessions
    total = len(sessions)
    for row in timeline.rows:
        columns = row.columns
        if not columns:
            continue
        first, last = sessions[columns[0]], sessions[columns[-1]]
        between = gaps(columns)
        returns = tuple(
            Reemergence(sessions[columns[index + 1]].number,
                        sessions[columns[index + 1]].date, between[index])
            for index in [i for i, gap in enumerate(between) if gap >= reemergence_gap])
        result.append(RecurrenceRow(
            row.theme_id, row.name, row.color, row.group_name, first.number, first.date,
            last.number, last.date, len(columns), len(columns) / total if total else 0.0,
            _longest_run(between), max(between, default=0), returns))
    return tuple(result)
