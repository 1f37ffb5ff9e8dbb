"""Results as you type: debounced, run off the GUI thread, stale answers dropped.

A search on a large vault takes a few to a few dozen milliseconds, more than a frame, so
it never runs on the GUI thread. Each query gets a sequence number; only the answer to
the latest one is delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from db.errors import ThreadlineError
from db.search.dto import SearchFilters, SearchResults

log = logging.getLogger(__name__)
DEBOUNCE_MS = 120

SearchFunction = Callable[[str, SearchFilters, int], SearchResults]


@dataclass(frozen=True)
class _Request:
    seq: int
    query: str
    filters: SearchFilters
    limit: int


class _Relay(QObject):
    """Carries an answer from the pool thread to the GUI thread (queued connection)."""

    answered = Signal(int, object)  # seq, SearchResults | ThreadlineError


class _Job(QRunnable):
    def __init__(self, search: SearchFunction, request: _Request, relay: _Relay) -> None:
        super().__init__()
        self._search, self._request, self._relay = search, request, relay

    def run(self) -> None:
        request = self._request
        try:
            answer: object = self._search(request.query, request.filters, request.limit)
        except ThreadlineError as error:  # e.g. the vault locked meanwhile
            answer = error
        except Exception as error:  # never let a pool thread die silently
            log.warning("search failed: %s", type(error).__name__)
            answer = ThreadlineError("The search could not be run.")
        self._relay.answered.emit(request.seq, answer)


class Searcher(QObject):
    """Signals: ``results(SearchResults)`` for the latest query; ``failed(str)``."""

    results = Signal(object)
    failed = Signal(str)

    def __init__(self, search: SearchFunction, limit: int = 20,
                 pool: QThreadPool | None = None) -> None:
        super().__init__()
        self._search = search
        self._limit = limit
        self._pool = pool or QThreadPool.globalInstance()
        self._seq = 0
        self._pending: tuple[str, SearchFilters] | None = None
        self._relay = _Relay()
        self._relay.answered.connect(self._answered)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
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
        self._seq += 1

    def _start(self) -> None:
        if self._pending is None:
            return
        query, filters = self._pending
        self._pending = None
        self._seq += 1
        self._pool.start(_Job(self._search, _Request(self._seq, query, filters, self._limit),
                              self._relay))

    def _answered(self, seq: int, answer: object) -> None:
        if seq != self._seq:
            return  # a newer query is on its way
        if isinstance(answer, SearchResults):
            self.results.emit(answer)
        else:
            self.failed.emit(str(answer))
