"""Measures on the timeline's session axis: each series aligned with its columns."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from db.measures.dto import MeasureDef, MeasureSeries
from db.measures.reliable_change import Change


@dataclass(frozen=True)
class AlignedMeasure:
    """One measure's scores at the timeline's columns (only columns that have one)."""

    measure: MeasureDef
    columns: tuple[int, ...]
    totals: tuple[int, ...]
    not_on_track: tuple[bool, ...]  # reliably worse than the first score


def align(series: Sequence[MeasureSeries],
          column_sessions: Sequence[uuid.UUID]) -> list[AlignedMeasure]:
    """``column_sessions``: the session id of each timeline column, in order. Scores of
    sessions the timeline does not show (cancelled, filtered out) are left out."""
    where = {session_id: index for index, session_id in enumerate(column_sessions)}
    aligned = []
    for one in series:
        kept = [(where[p.session_id], p.score) for p in one.points if p.session_id in where]
        aligned.append(AlignedMeasure(
            one.measure, tuple(c for c, _ in kept), tuple(s.total for _, s in kept),
            tuple(s.change == Change.RELIABLY_WORSE for _, s in kept)))
    return aligned
