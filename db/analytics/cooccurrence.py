"""Which themes of one category are marked in the same sessions as themes of another.

Counted over sessions in which both categories have at least one theme marked; the
default pair is transference (PRQ) × countertransference (CTQ).
"""

from __future__ import annotations

import uuid

from db.analytics.dto import CoOccurrence, ThemeRef, ThemeRow, Timeline

#: The pair a timeline opens with: transference (PRQ) × countertransference (CTQ), by key.
DEFAULT_PAIR: tuple[str, str] = ("prq", "ctq")


def _rows_of(timeline: Timeline, group_id: uuid.UUID | None, group_key: str | None
             ) -> list[ThemeRow]:
    return [row for row in timeline.rows
            if (group_id is not None and row.group_id == group_id)
            or (group_id is None and row.group_key == group_key)]


def co_occurrence(timeline: Timeline, rows_category: str | uuid.UUID = DEFAULT_PAIR[0],
                  columns_category: str | uuid.UUID = DEFAULT_PAIR[1], lag: int = 0
                  ) -> CoOccurrence:
    """A matrix of the two top-level categories, given by key (``"prq"``) or by id.

    With ``lag`` 1, a row theme in one session is paired with a column theme in the next
    session (the columns of the timeline). ``expected[i][j]`` is what chance alone would
    give over the same sessions: (sessions with i) × (sessions with j) / sessions.
    """
    if lag not in (0, 1):
        raise ValueError("co-occurrence looks at the same session or the next one")
    def pick(category: str | uuid.UUID) -> tuple[list[ThemeRow], str]:
        if isinstance(category, uuid.UUID):
            rows = _rows_of(timeline, category, None)
            name = next((g.name for g in timeline.groups if g.category_id == category), "")
        else:
            rows = _rows_of(timeline, None, category)
            name = next((g.name for g in timeline.groups if g.key == category), category)
        return rows, name

    row_themes, row_name = pick(rows_category)
    column_themes, column_name = pick(columns_category)
    row_columns = [set(row.columns) for row in row_themes]
    # With a lag, a column theme at session t + 1 is counted at t: pairs are named by t.
    column_columns = [{c - lag for c in row.columns if c - lag >= 0} for row in column_themes]
    both = set().union(*row_columns) & set().union(*column_columns)
    counts = tuple(tuple(len(a & b & both) for b in column_columns) for a in row_columns)
    n = len(both)
    expected = tuple(tuple(len(a & both) * len(b & both) / n if n else 0.0
                           for b in column_columns) for a in row_columns)

    def ref(row: ThemeRow) -> ThemeRef:
        return ThemeRef(row.theme_id, row.key, row.name, row.color)

    return CoOccurrence(row_name, column_name, tuple(ref(r) for r in row_themes),
                        tuple(ref(r) for r in column_themes), counts, len(both), expected,
                        lag)
