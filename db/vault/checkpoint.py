"""WAL checkpoints in a thread of their own, when writing pauses, so no save waits for one.

In WAL mode SQLite copies the log back into the database file every 1,000 pages, inside
the commit that crosses the mark: that commit then takes several times as long (a
5,000-word note writes about 60 pages, so one autosave in twenty paid for it).
Threadline's connections turn that off (``wal_autocheckpoint = 0``) and
:class:`Checkpointer` runs a PASSIVE checkpoint, which blocks neither readers nor writers,
once writing has paused for ``QUIET_S`` (between two autosaves, say), and at least every
``LONGEST_S`` while writes keep coming (a long import), so the log never grows without
bound. Durability is unchanged: a commit is on disk, in the fsynced log, either way.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import Engine

log = logging.getLogger(__name__)

QUIET_S = 1.0
LONGEST_S = 30.0


class Checkpointer:
    """Checkpoints ``engine``'s database; call :meth:`wrote` after each commit."""

    def __init__(self, engine: Engine, quiet_s: float = QUIET_S,
                 longest_s: float = LONGEST_S,
                 allowed: Callable[[], bool] | None = None) -> None:
        self._engine = engine
        # Called just before each checkpoint; False skips it (a vault that failed a check
        # keeps its log as it is).
        self._allowed = allowed
        self._quiet_s = quiet_s
        self._longest_s = longest_s
        self._pending = threading.Event()
        self._stopping = threading.Event()
        self._last_write = 0.0
        self._last_checkpoint = time.monotonic()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()
        self.checkpoints = 0  # how many ran (for tests)

    def wrote(self) -> None:
        """A write committed: checkpoint once writing pauses (or the log is long)."""
        self._last_write = time.monotonic()
        with self._start:
            if self._stopping.is_set():
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="wal-checkpoint",
                                                daemon=True)
                self._thread.start()
        self._pending.set()

    def stop(self) -> None:
        """Stop the thread (a checkpoint under way finishes first); safe to repeat."""
        with self._start:
            self._stopping.set()
            thread = self._thread
        self._pending.set()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            self._pending.wait()
            self._pending.clear()
            while not self._due():
                quiet_at = self._last_write + self._quiet_s
                if self._stopping.wait(max(0.01, min(quiet_at - time.monotonic(), 0.25))):
                    return
            if self._stopping.is_set():
                return
            self._checkpoint()

    def _due(self) -> bool:
        now = time.monotonic()
        return (now - self._last_write >= self._quiet_s
                or now - self._last_checkpoint >= self._longest_s)

    def _checkpoint(self) -> None:
        self._last_checkpoint = time.monotonic()
        if self._allowed is not None and not self._allowed():
            return
        try:
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.checkpoints += 1
        except Exception as error:  # the next checkpoint (or closing) catches up
            log.info("checkpoint skipped: %s", type(error).__name__)
