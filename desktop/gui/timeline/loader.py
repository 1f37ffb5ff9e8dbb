"""Load a client's timeline and analytics off the GUI thread; deliver only the latest answer.

A long treatment takes tens of milliseconds to read and fold, more than a frame, so the
view never waits for it: it keeps what it shows (with "Loading…") until the answer comes.
Every request is a job with the loader's key: an answer to an older request (another
client was chosen, a filter changed meanwhile) is stale and dropped (the jobs' rule), so a
stale client never replaces the one the clinician is looking at.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from db.analytics.choices import Choices
from db.analytics.dto import RowOrder, TimelineFilter
from db.analytics.service import AnalyticsService
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.jobs import Failure, Jobs

FAILED = "The timeline could not be loaded."


@dataclass(frozen=True)
class Request:
    """Everything one load needs, read on the GUI thread before the work starts."""

    client_id: uuid.UUID
    chosen: TimelineFilter
    order: RowOrder
    ccrt_n: int
    pair: tuple[str | uuid.UUID, str | uuid.UUID]
    choices: Choices | None = None  # None: the vault's settings
    lag: int = 0  # co-occurrence in the same session (0) or the next (1)


class TimelineLoader(QObject):
    """Runs :meth:`AnalyticsService.client` in the thread pool.

    Signals
    -------
    loaded(Timeline, ClientAnalytics, Request)
        The answer to the latest request.
    failed(str, Request)
        The latest request failed; the text is one sentence for the clinician.
    """

    loaded = Signal(object, object, object)
    failed = Signal(str, object)

    def __init__(self, analytics: AnalyticsService, jobs: Jobs,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analytics = analytics
        self._jobs = jobs

    @property
    def busy(self) -> bool:
        return self._jobs.busy(self)

    def request(self, request: Request) -> None:
        """Start loading; an answer still on its way for an earlier request is dropped."""
        service = self._analytics

        def work() -> object:
            choices = request.choices
            return service.client(request.client_id, request.chosen, order=request.order,
                                  ccrt_n=request.ccrt_n, pair=request.pair,
                                  scoring=choices.scoring if choices else None,
                                  min_defenses=choices.min_defenses if choices else None,
                                  lag=request.lag)

        def failed(failure: Failure) -> None:
            self.failed.emit(sentence_for(failure.error, FAILED), request)

        self._jobs.start(work, on_done=lambda result: self._answered(result, request),
                         on_error=failed, key=self, name="loading the timeline")

    def _answered(self, result: object, request: Request) -> None:
        assert isinstance(result, tuple)
        full, analytics = result
        self.loaded.emit(full, analytics, request)
