"""Frozen results of the analytics: safe to keep, to pass between threads and to export."""

from __future__ import annotations

import bisect
import uuid
from dataclasses import dataclass, field, replace
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


PREVIEW_WORDS = 10
PREVIEW_CHARS = 90
#: How much of a passage the timeline reads: the preview never needs more than this.
PASSAGE_READ = 100


def preview(text: str | None) -> str:
    """The first words of a passage, for a tooltip: at most 10 words or 90 characters."""
    if not text:
        return ""
    words = text[:PASSAGE_READ].split()
    short = " ".join(words[:PREVIEW_WORDS])
    if len(short) > PREVIEW_CHARS:
        short = short[:PREVIEW_CHARS].rsplit(" ", 1)[0] or short[:PREVIEW_CHARS]
    cut = len(words) > PREVIEW_WORDS or len(text) >= PASSAGE_READ or (
        short != " ".join(words))
    return short + ("…" if cut else "")


class Cell(NamedTuple):
    """A theme in one session: the combined intensity of all its marks there.

    ``intensity`` is the highest intensity among the session mark and the passage marks
    (see ``docs/timeline.md``); ``passage_marks`` counts the marks anchored to a passage;
    ``passage_text`` holds the start (at most 100 characters) of the earliest marked
    passage, or "", and ``passage_start`` its offset in its note.
    """

    column: int
    intensity: int
    passage_marks: int
    passage_text: str
    passage_start: int | None = None

    @property
    def passage_preview(self) -> str:
        """The first words of the earliest passage (made when asked: only hovers need it)."""
        return preview(self.passage_text)


@dataclass(frozen=True)
class ThemeRow:
    """A theme that occurs in the client's sessions, with its cells in column order.

    ``group_*`` name the top-level category the row is grouped under; ``category_name``
    the category the theme sits in (e.g. a DMRS level).

    The cells are kept as five parallel tuples of plain values (``columns``,
    ``intensities``, ``passage_marks``, ``passage_texts``, ``passage_starts``) rather than
    as one object per cell: a long treatment has tens of thousands of cells, and tuples of
    numbers and strings are objects Python's cyclic garbage collector stops scanning,
    while cell objects would be scanned on every full collection (measured: one every
    two or three loads, 90 ms each). :attr:`cells` builds the cell objects when asked.
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
    columns: tuple[int, ...]
    intensities: tuple[int, ...]
    passage_marks: tuple[int, ...]
    passage_texts: tuple[str, ...]
    passage_starts: tuple[int | None, ...]
    #: Every mark of the theme in each cell (session and passage marks): the occurrences.
    marks: tuple[int, ...] = ()

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """One :class:`Cell` per session with the theme, in column order."""
        return tuple(map(Cell._make, zip(self.columns, self.intensities, self.passage_marks,
                                         self.passage_texts, self.passage_starts,
                                         strict=True)))

    def cell(self, index: int) -> Cell:
        """The ``index``-th cell of the row (not a column number)."""
        return Cell(self.columns[index], self.intensities[index], self.passage_marks[index],
                    self.passage_texts[index], self.passage_starts[index])

    def subset(self, indices: list[int], new_column: dict[int, int] | None = None
               ) -> ThemeRow:
        """The row with only the cells at ``indices``, columns renumbered by ``new_column``."""
        columns = tuple(self.columns[i] for i in indices)
        return replace(
            self, columns=tuple(new_column[c] for c in columns) if new_column else columns,
            intensities=tuple(self.intensities[i] for i in indices),
            passage_marks=tuple(self.passage_marks[i] for i in indices),
            passage_texts=tuple(self.passage_texts[i] for i in indices),
            passage_starts=tuple(self.passage_starts[i] for i in indices),
            marks=tuple(self.marks[i] for i in indices) if self.marks else ())


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
        """The cell of a row in a column, None where the theme was not marked."""
        theme = self.rows[row]
        index = bisect.bisect_left(theme.columns, column)
        if index < len(theme.columns) and theme.columns[index] == column:
            return theme.cell(index)
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

    ``defenses`` is the n behind the point: the defenses marked in the session, each once
    whatever the scoring; ``weight`` is what they add up to under the scoring (presence:
    ``defenses``; occurrences: their marks; intensity: their intensities). ``mature``,
    ``neurotic`` and ``immature`` are shares (0–1) of that weight, None without data.
    ``rolling_odf`` pools the defenses of the window, ``rolling_defenses`` of them;
    ``sparse`` says the point rests on fewer defenses than the vault's minimum.
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
    weight: float = 0.0
    rolling_defenses: int = 0
    sparse: bool = False


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
    ``sessions`` is the number of sessions in which both categories were marked (with a
    lag of 1: sessions with the row category followed by one with the column category).
    """

    row_category: str
    column_category: str
    rows: tuple[ThemeRef, ...]
    columns: tuple[ThemeRef, ...]
    counts: tuple[tuple[int, ...], ...]
    sessions: int
    #: What chance would give: (sessions with i) × (sessions with j) / ``sessions``.
    expected: tuple[tuple[float, ...], ...] = ()
    #: 0: both in the same session; 1: the column theme in the session after.
    lag: int = 0

    def lift(self, i: int, j: int) -> float | None:
        """Observed / expected; None where chance expects nothing."""
        expected = self.expected[i][j] if self.expected else 0.0
        return self.counts[i][j] / expected if expected else None


@dataclass(frozen=True)
class ThemeRef:
    theme_id: uuid.UUID
    key: str | None
    name: str
    color: str


#: A CCRT rests on about 10 or more episodes; fewer are flagged.
MIN_EPISODES = 10


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

    @property
    def tied(self) -> tuple[CcrtCount, ...]:
        """Every theme with the top count: more than one means the CCRT is a tie (the
        first listed is the one seen first, which decides nothing clinically)."""
        top = self.top
        if top is None:
            return ()
        return tuple(c for c in self.counts if c.episodes == top.episodes)


@dataclass(frozen=True)
class CcrtWindow:
    """The CCRT over some episodes: all of them, the first N or the last N."""

    label: str
    episodes: int
    transference_episodes: int
    components: tuple[CcrtComponent, ...]
    #: For RO and RS: episodes whose response was rated (positive, negative), and those
    #: with the component scored but not rated.
    valence: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def component(self, name: str) -> CcrtComponent:
        return next(c for c in self.components if c.component == name)

    @property
    def few(self) -> bool:
        """Fewer than 10 episodes: too few for a CCRT to rest on (Luborsky &
        Crits-Christoph 1998)."""
        return self.episodes < MIN_EPISODES


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
    #: Episodes with the therapist (transference) and with everyone else, side by side.
    therapist: CcrtWindow | None = None
    others: CcrtWindow | None = None


@dataclass(frozen=True)
class PrevalenceRow:
    """A theme across the caseload: how many active clients have it, and how often."""

    theme: ThemeRef
    group_name: str
    clients: int
    client_share: float
    sessions: int
    mean_session_share: float
    session_share: float = 0.0  # sessions with it / all attended sessions of active clients


@dataclass(frozen=True)
class Caseload:
    """Themes across active clients, most of their sessions first (see ``caseload.py``)."""

    active_clients: int
    rows: tuple[PrevalenceRow, ...]
    sessions: int = 0  # attended sessions of active clients in the range
