"""Load a client's timeline and analytics off the GUI thread; deliver only the latest answer.

A long treatment takes tens of milliseconds to read and fold, more than a frame, so the
view never waits for it: it keeps what it shows (with "Loading…") until the answer comes.
Every request gets a sequence number; an answer to an older request (another client was
chosen, a filter changed meanwhile) is dropped, so a stale client never replaces the one
the clinician is looking at.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from db.analytics.dto import RowOrder, TimelineFilter
from db.analytics.service import AnalyticsService
from db.errors import ThreadlineError
from desktop.gui.tasks import run_task

log = logging.getLogger(__name__)
FAILED = "The timeline could not be loaded."


@dataclass(frozen=True)
class Request:
    """Everything one load needs, read on the GUI thread before the work starts."""

    client_id: uuid.UUID
    chosen: TimelineFilter
    order: RowOrder
    ccrt_n: int
    pair: tuple[str | uuid.UUID, str | uuid.UUID]


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

    def __init__(self, analytics: AnalyticsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._analytics = analytics
        self._latest = 0
        self.busy = False

    def request(self, request: Request) -> None:
        """Start loading; an answer still on its way for an earlier request is dropped."""
        self._latest += 1
        sequence = self._latest
        service = self._analytics

        def work() -> tuple[int, Request, object]:
            try:
                return sequence, request, service.client(
                    request.client_id, request.chosen, order=request.order,
                    ccrt_n=request.ccrt_n, pair=request.pair)
            except ThreadlineError as error:
                return sequence, request, error
            except Exception as error:  # never let a pool thread die with the answer
                log.warning("timeline not loaded: %s", type(error).__name__)
                return sequence, request, ThreadlineError(FAILED)

        self.busy = True
        run_task(work, self._answered, self._crashed)

    def _answered(self, answer: tuple[int, Request, object]) -> None:
        sequence, request, result = answer
        if sequence != self._latest:
            return  # stale: a newer request is on its way
        self.busy = False
        if isinstance(result, ThreadlineError):
            self.failed.emit(str(result), request)
        else:
            assert isinstance(result, tuple)
            full, analytics = result
            self.loaded.emit(full, analytics, request)

    def _crashed(self, error: BaseException) -> None:
        log.warning("timeline task ended: %s", type(error).__name__)
        self.busy = False
