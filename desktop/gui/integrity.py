"""The full integrity check of a freshly unlocked vault, off the GUI thread.

Unlocking opens the vault at once (``Vault.unlock(verify="later")``), so the workspace is
usable without waiting for every page of a large file to be read. This check then reads
them all in a thread of its own (not the shared pool, whose threads may be busy with work
that waits for this very verdict). Until it has passed the vault holds writes back; if it
finds damage, writes are refused for good and :attr:`IntegrityCheck.damaged` asks the
window to lock and say so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from db.errors import ThreadlineError, VaultLocked

if TYPE_CHECKING:
    from db.vault.vault import Vault

log = logging.getLogger(__name__)


def _yield_to_the_gui() -> None:
    """Lower this thread's priority where the system allows it (Linux threads have their
    own): the check must not slow the workspace it runs beside."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere it runs as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


class IntegrityCheck(QObject):
    """Signals: ``passed()``; ``damaged(str)`` with a sentence for the clinician."""

    passed = Signal()
    damaged = Signal(str)
    _verdict = Signal(int, object)  # from the checking thread: (run, error or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = 0  # a check started before the last lock or start is ignored
        self._verdict.connect(self._take)  # queued: it is emitted from another thread

    def start(self, vault: Vault) -> None:
        """Check ``vault`` unless its unlock already did (then ``passed`` at once).

        Start it before anything may write on the GUI thread: writes wait for it.
        """
        self._run += 1
        if not vault.database.writes_held:
            self.passed.emit()
            return
        run = self._run

        def check() -> None:
            _yield_to_the_gui()
            try:
                vault.verify_integrity()
            except Exception as error:  # handed to the GUI thread, which decides
                self._verdict.emit(run, error)
            else:
                self._verdict.emit(run, None)

        threading.Thread(target=check, name="integrity-check", daemon=True).start()

    def cancel(self) -> None:
        self._run += 1

    def _take(self, run: int, error: BaseException | None) -> None:
        if run != self._run:
            return
        self._run += 1
        if error is None:
            self.passed.emit()
            return
        if isinstance(error, VaultLocked):
            return
        log.error("integrity check failed: %s %s", type(error).__name__,
                  getattr(error, "detail", ""))
        self.damaged.emit(str(error) if isinstance(error, ThreadlineError)
                          else "The vault could not be checked and was locked.")
