"""Frozen results of the analytics: safe to keep, to pass between threads and to export."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple


class RowOrder(StrEnum):
    """How rows are ordered inside their category group."""

    APPEARANCE = "appearance"  # first session marked, then name
    FREQUENCY = "frequency"  # most sessions first, then first appearance


@dataclass(frozen=True)
class SessionColumn:
    """One attended session: a column of the timeline."""

    session_id: uuid.UUID
    number: int
    date: date


class Cell(NamedTuple):
    """A theme in one session: the combined intensity of all its marks there.

    ``intensity`` is the highest intensity among the session mark and the passage marks
    (see ``docs/timeline.md``); ``passage_marks`` counts the marks anchored to a passage;
    ``passage_preview`` holds the first words of the earliest marked passage, or "".
    A named tuple rather than a frozen dataclass: just as immutable, and a long treatment
    has tens of thousands of cells, which a frozen dataclass is several times slower to
    build.
    """

    column: int
    intensity: int
    passage_marks: int
    passage_preview: str
    passage_start: int | None = None


@dataclass(frozen=True)
class ThemeRow:
    """A theme that occurs in the client's sessions, with its cells in column order.

    ``group_*`` name the top-level category the row is grouped under; ``category_name``
    the category the theme sits in (e.g. a DMRS level).
    """

    theme_id: uuid.UUID
    key: str | None
    name: str
    color: str
    category_id: uuid.UUID
    category_name: str
    group_id: uuid.UUID
    group_key: str | None
    group_name: str
    dmrs_level: int | None
    ccrt_component: str | None
    archived: bool
    cells: tuple[Cell, ...]

    @cached_property
    def columns(self) -> tuple[int, ...]:
        return tuple(cell.column for cell in self.cells)


@dataclass(frozen=True)
class CategoryGroup:
    """A top-level category and the indices (into ``Timeline.rows``) of its rows."""

    category_id: uuid.UUID
    key: str | None
    name: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Timeline:
    """A client's theme × session grid: rows grouped by category, columns in session order."""

    client_id: uuid.UUID
    client_code: str
    sessions: tuple[SessionColumn, ...]
    rows: tuple[ThemeRow, ...]
    groups: tuple[CategoryGroup, ...]
    order: RowOrder = RowOrder.APPEARANCE

    def cell(self, row: int, column: int) -> Cell | None:
        for cell in self.rows[row].cells:
            if cell.column == column:
                return cell
        return None


@dataclass(frozen=True)
class TimelineFilter:
    """What the clinician chose to see. ``None`` for a set means "all"."""

    categories: frozenset[uuid.UUID] | None = None  # group (top-level category) ids
    themes: frozenset[uuid.UUID] | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_intensity: int = 1
    include_archived: bool = False


@dataclass(frozen=True)
class DefensePoint:
    """Indicative defensive functioning of one session; ``odf`` is None without data.

    ``defenses`` is the number of defenses marked in the session (each counted once);
    ``mature``, ``neurotic`` and ``immature`` are shares (0–1) of them, also None without
    data.
    """

    session_id: uuid.UUID
    number: int
    date: date
    defenses: int
    odf: float | None
    rolling_odf: float | None
    mature: float | None
    neurotic: float | None
    immature: float | None


@dataclass(frozen=True)
class RecurrenceRow:
    """How a theme comes and goes; gaps and runs are counted in sessions."""

    theme_id: uuid.UUID
    name: str
    color: str
    group_name: str
    first_number: int
    first_date: date
    last_number: int
    last_date: date
    sessions: int
    share: float
    longest_run: int
    longest_gap: int
    reemergences: tuple[Reemergence, ...]

    @property
    def latest_reemergence(self) -> Reemergence | None:
        return self.reemergences[-1] if self.reemergences else None


@dataclass(frozen=True)
class Reemergence:
    """The theme came back at session ``number`` after ``after_sessions`` without it."""

    number: int
    date: date
    after_sessions: int


@dataclass(frozen=True)
class CoOccurrence:
    """Sessions in which a theme of ``rows`` and a theme of ``columns`` were both marked.

    ``counts[i][j]`` counts sessions with row theme i and column theme j;
    ``sessions`` is the number of sessions in which both categories were marked.
    """

    row_category: str
    column_category: str
    rows: tuple[ThemeRef, ...]
    columns: tuple[ThemeRef, ...]
    counts: tuple[tuple[int, ...], ...]
    sessions: int


@dataclass(frozen=True)
class ThemeRef:
    theme_id: uuid.UUID
    key: str | None
    name: str
    color: str


@dataclass(frozen=True)
class CcrtCount:
    """One theme of a CCRT component: in how many episodes, and its share of them."""

    theme: ThemeRef
    episodes: int
    pervasiveness: float


@dataclass(frozen=True)
class CcrtComponent:
    """One component (W, RO or RS) over a set of episodes, most frequent first."""

    component: str
    counts: tuple[CcrtCount, ...]

    @property
    def top(self) -> CcrtCount | None:
        return self.counts[0] if self.counts else None


@dataclass(frozen=True)
class CcrtWindow:
    """The CCRT over some episodes: all of them, the first N or the last N."""

    label: str
    episodes: int
    transference_episodes: int
    components: tuple[CcrtComponent, ...]

    def component(self, name: str) -> CcrtComponent:
        return next(c for c in self.components if c.component == name)


@dataclass(frozen=True)
class CcrtSummary:
    """The client's CCRT overall and its change between the first and last N episodes.

    ``overlapping`` is True when there are fewer than 2 × N episodes, so the first and
    last windows share episodes and the change says less.
    """

    n: int
    overall: CcrtWindow
    first: CcrtWindow
    last: CcrtWindow
    overlapping: bool


@dataclass(frozen=True)
class PrevalenceRow:
    """A theme across the caseload: how many active clients have it, and how often."""

    theme: ThemeRef
    group_name: str
    clients: int
    client_share: float
    sessions: int
    mean_session_share: float


@dataclass(frozen=True)
class Caseload:
    active_clients: int
    rows: tuple[PrevalenceRow, ...]
