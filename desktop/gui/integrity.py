"""The full integrity check of a freshly unlocked vault, off the GUI thread.

Unlocking opens the vault at once (``Vault.unlock(verify="later")``), so the workspace is
usable without waiting for every page of a large file to be read. This check then reads
them all in the background. Until it has passed the vault holds writes back; if it finds
damage, writes are refused for good and :attr:`IntegrityCheck.damaged` asks the window
to lock and say so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from db.errors import ThreadlineError, VaultLocked
from desktop.gui.tasks import Task, run_task

if TYPE_CHECKING:
    from db.vault.vault import Vault

log = logging.getLogger(__name__)


class IntegrityCheck(QObject):
    """Signals: ``passed()``; ``damaged(str)`` with a sentence for the clinician."""

    passed = Signal()
    damaged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None  # a check started before the last lock is ignored

    def start(self, vault: Vault) -> None:
        """Check ``vault`` unless its unlock already did (then ``passed`` at once)."""
        if not vault.database.writes_held:
            self._task = None
            self.passed.emit()
            return
        # Bound methods, not lambdas: a window closed meanwhile disconnects them.
        self._task = run_task(vault.verify_integrity, self._passed, self._failed)

    def cancel(self) -> None:
        self._task = None

    def _passed(self, _: object) -> None:
        if self._task is not None and self.sender() is self._task:
            self._task = None
            self.passed.emit()

    def _failed(self, error: BaseException) -> None:
        if self._task is None or self.sender() is not self._task:
            return
        self._task = None
        if isinstance(error, VaultLocked):
            return
        log.error("integrity check failed: %s %s", type(error).__name__,
                  getattr(error, "detail", ""))
        self.damaged.emit(str(error) if isinstance(error, ThreadlineError)
                          else "The vault could not be checked and was locked.")
