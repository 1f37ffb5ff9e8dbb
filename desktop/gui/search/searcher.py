"""Results as you type: debounced, run off the GUI thread, stale answers dropped.

A search on a large vault takes a few to a few dozen milliseconds, more than a frame, so
it never runs on the GUI thread. Every query is a job with the searcher's key, so only
the answer to the latest one is delivered (the jobs' stale-answer rule).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from db.search.dto import SearchFilters, SearchResults
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.jobs import Failure, Jobs

DEBOUNCE_MS = 120
FAILED = "The search could not be run."

SearchFunction = Callable[[str, SearchFilters, int], SearchResults]


class Searcher(QObject):
    """Signals: ``results(SearchResults)`` for the latest query; ``failed(str)``."""

    results = Signal(object)
    failed = Signal(str)

    def __init__(self, search: SearchFunction, limit: int = 20,
                 jobs: Jobs | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__()
        self._search = search
        self._limit = limit
        self._jobs = jobs if jobs is not None else Jobs(self)
        self._pending: tuple[str, SearchFilters] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)

    def request(self, query: str, filters: SearchFilters) -> None:
        """Search for ``query`` once typing pauses."""
        self._pending = (query, filters)
        self._timer.start()

    def request_now(self, query: str, filters: SearchFilters) -> None:
        self._pending = (query, filters)
        self._timer.stop()
        self._start()

    def cancel(self) -> None:
        """Forget the pending and running queries (their answers will be dropped)."""
        self._timer.stop()
        self._pending = None
        self._jobs.cancel(self)

    @property
    def busy(self) -> bool:
        return self._pending is not None or self._jobs.busy(self)

    def _start(self) -> None:
        if self._pending is None:
            return
        query, filters = self._pending
        self._pending = None
        search, limit = self._search, self._limit
        self._jobs.start(lambda: search(query, filters, limit), on_done=self.results.emit,
                         on_error=self._failed, key=self, name="a search")

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(sentence_for(failure.error, FAILED))
