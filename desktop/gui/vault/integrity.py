"""The full integrity check of a freshly unlocked vault, off the GUI thread.

Unlocking opens the vault at once (``Vault.unlock(verify="later")``), so the workspace is
usable without waiting for every page of a large file to be read. This check then reads
them all as a job on a thread of its own (``own_thread``: jobs already running may be
waiting for this very verdict). Until it has passed the vault holds writes back; if it
finds damage, writes are refused for good and :attr:`IntegrityCheck.damaged` asks the
window to lock and say so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from db.errors import ThreadlineError, VaultLocked
from desktop.gui.common.jobs import lower_priority

if TYPE_CHECKING:
    from db.vault.vault import Vault
    from desktop.gui.common.jobs import Failure, Jobs

log = logging.getLogger(__name__)

CHECK = "integrity-check"  # the key of the check's job: a newer check makes an older stale
COULD_NOT_CHECK = "The vault could not be checked and was locked."


class IntegrityCheck(QObject):
    """Signals: ``passed()``; ``damaged(str)`` with a sentence for the clinician."""

    passed = Signal()
    damaged = Signal(str)

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs

    def start(self, vault: Vault) -> None:
        """Check ``vault`` unless its unlock already did (then ``passed`` at once).

        Start it before anything may write on the GUI thread: writes wait for it.
        """
        self._jobs.cancel(CHECK)
        if not vault.database.writes_held:
            self.passed.emit()
            return

        def check() -> None:
            lower_priority()  # it must not slow the workspace it runs beside
            vault.verify_integrity()

        self._jobs.start(check, on_done=self._passed, on_error=self._failed,
                         key=CHECK, name="the integrity check", own_thread=True)

    def cancel(self) -> None:
        """Forget the running check's verdict (locking interrupts the check itself)."""
        self._jobs.cancel(CHECK)

    @property
    def running(self) -> bool:
        return self._jobs.busy(CHECK)

    def _passed(self, _: object) -> None:
        self.passed.emit()

    def _failed(self, failure: Failure) -> None:
        error = failure.error
        if isinstance(error, VaultLocked):
            return
        log.error("integrity check failed: %s %s", type(error).__name__,
                  getattr(error, "detail", ""))
        self.damaged.emit(failure.message if isinstance(error, ThreadlineError)
                          else COULD_NOT_CHECK)
