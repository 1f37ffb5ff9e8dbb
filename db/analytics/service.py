"""The analytics front door for the GUI and the command line: one read per call."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from db.analytics.caseload import load_caseload
from db.analytics.ccrt import DEFAULT_N, ccrt_summary, load_episodes
from db.analytics.choices import Choices, read_choices
from db.analytics.collector import collector_paused
from db.analytics.cooccurrence import DEFAULT_PAIR, co_occurrence
from db.analytics.defenses import DEFAULT_WINDOW, defensive_functioning
from db.analytics.dto import (
    Caseload,
    CcrtSummary,
    CoOccurrence,
    DefensePoint,
    RecurrenceRow,
    RowOrder,
    ThemeRef,
    Timeline,
    TimelineFilter,
)
from db.analytics.grid import apply_filter, load_timeline
from db.analytics.passages import CellMarks, load_cell_marks
from db.analytics.profile import DefenseProfile, defense_profile, defense_themes
from db.analytics.recurrence import DEFAULT_REEMERGENCE_GAP, recurrence
from db.analytics.taxonomy import TaxonomyIndex
from db.services.base import DatabaseProvider
from db.vocabulary import OdfScoring

DEFAULT_CHOICES = Choices()


@dataclass(frozen=True)
class ClientAnalytics:
    """Everything the timeline view shows for one client under one filter.

    ``grid`` is what the heat strip draws (every filter applied); ``scope`` is the same
    sessions with every row kept, which the analytics panels are computed from.
    """

    grid: Timeline
    scope: Timeline
    defenses: tuple[DefensePoint, ...]
    recurrence: tuple[RecurrenceRow, ...]
    co_occurrence: CoOccurrence
    ccrt: CcrtSummary
    choices: Choices = DEFAULT_CHOICES
    window: int = DEFAULT_WINDOW
    profile: DefenseProfile | None = None
    chosen: TimelineFilter = TimelineFilter()

    @property
    def overall_odf(self) -> float | None:
        """ODF of every session in scope pooled (the profile's), None without data."""
        return self.profile.odf if self.profile else None

    @property
    def overall_defenses(self) -> int:
        """The (session, defense) pairs behind :attr:`overall_odf`."""
        return self.profile.defenses if self.profile else 0


def analyse(full: Timeline, chosen: TimelineFilter, ccrt: CcrtSummary, *,
            window: int = DEFAULT_WINDOW, reemergence_gap: int = DEFAULT_REEMERGENCE_GAP,
            pair: tuple[str | uuid.UUID, str | uuid.UUID] = DEFAULT_PAIR,
            choices: Choices = DEFAULT_CHOICES,
            defense_themes: tuple[tuple[ThemeRef, int], ...] = (),
            lag: int = 0) -> ClientAnalytics:
    """Apply a filter to a loaded timeline and compute the panels (pure, no database)."""
    scope = apply_filter(full, chosen, rows_too=False)
    grid = apply_filter(full, chosen)
    points = defensive_functioning(scope, window, scoring=choices.scoring,
                                   min_defenses=choices.min_defenses)
    return ClientAnalytics(grid, scope, points, recurrence(grid, reemergence_gap),
                           co_occurrence(scope, *pair, lag=lag), ccrt, choices, window,
                           defense_profile(scope, defense_themes, choices.scoring), chosen)


class AnalyticsService:
    """Read-only analytics of the open vault; every method opens one read unit of work."""

    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    def timeline(self, client_id: uuid.UUID, order: RowOrder = RowOrder.APPEARANCE
                 ) -> Timeline:
        """The client's full grid (archived themes flagged, not removed)."""
        with self._vault.database.read() as session:
            return load_timeline(session, client_id, order)

    def ccrt(self, client_id: uuid.UUID, n: int = DEFAULT_N, *, include_archived: bool = False,
             date_from: date | None = None, date_to: date | None = None) -> CcrtSummary:
        with self._vault.database.read() as session:
            episodes = load_episodes(session, client_id, include_archived=include_archived,
                                     date_from=date_from, date_to=date_to)
        return ccrt_summary(episodes, n)

    def client(self, client_id: uuid.UUID, chosen: TimelineFilter | None = None, *,
               order: RowOrder = RowOrder.APPEARANCE, ccrt_n: int = DEFAULT_N,
               window: int = DEFAULT_WINDOW,
               pair: tuple[str | uuid.UUID, str | uuid.UUID] = DEFAULT_PAIR,
               scoring: OdfScoring | None = None, min_defenses: int | None = None,
               lag: int = 0) -> tuple[Timeline, ClientAnalytics]:
        """The full timeline and every panel for one client, in one read unit of work.

        The scoring and the minimum n are the vault's settings unless given.
        """
        chosen = chosen or TimelineFilter()
        with collector_paused(), self._vault.database.read() as session:
            choices = read_choices(session)
            if scoring is not None:
                choices = replace(choices, scoring=OdfScoring(scoring))
            if min_defenses is not None:
                choices = replace(choices, min_defenses=min_defenses)
            taxonomy = TaxonomyIndex.load(session)
            full = load_timeline(session, client_id, order, taxonomy)
            episodes = load_episodes(session, client_id,
                                     include_archived=chosen.include_archived,
                                     date_from=chosen.date_from, date_to=chosen.date_to,
                                     taxonomy=taxonomy)
            return full, analyse(full, chosen, ccrt_summary(episodes, ccrt_n), window=window,
                                 pair=pair, choices=choices, lag=lag,
                                 defense_themes=defense_themes(taxonomy,
                                                               chosen.include_archived))

    def cell_marks(self, session_id: uuid.UUID, theme_id: uuid.UUID) -> CellMarks:
        """The marks behind one cell: a theme (merges followed) in one session, its passages
        in note order. Raises :class:`~db.errors.NotFound` for an unknown session or theme."""
        with self._vault.database.read() as session:
            return load_cell_marks(session, session_id, theme_id)

    def caseload(self, *, include_archived: bool = False, since: date | None = None
                 ) -> Caseload:
        with self._vault.database.read() as session:
            return load_caseload(session, include_archived=include_archived, since=since)
