"""Sync in the main window (an entry of ``desktop.app.EXTENSIONS``).

Adds File ▸ Sync…, a status-bar note ("Synced 2 min ago", or why not), a sync when the
vault is unlocked and then every minute, and one before the vault locks or the window
closes (after the editor was flushed and the write queue drained, like the quit backup).
Every sync run is an operation of the window's write pipeline, so it is ordered with the
clinician's own saves, and what it changed is announced like any other change. The status
(the vault's sync tables and a listing of the folder, which may sit on a slow or absent
disk) and the flags are read in a job, never on the GUI thread; the page says "Reading…"
until the answer arrives.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from db.clock import Clock, utcnow
from db.errors import SyncFolderForeign, SyncFolderMissing, ThreadlineError
from db.services.dto import Changed
from db.sync.dto import SyncReport, SyncStatus
from db.sync.flags import Flag
from db.vault.files import vault_exists
from desktop.gui.sync.status import SyncStatusLabel

if TYPE_CHECKING:
    from db.sync.service import SyncService
    from desktop.gui.common.jobs import Failure
    from desktop.gui.main_window import MainWindow
    from desktop.gui.sync.compare import CompareDialog
    from desktop.gui.sync.page import SyncDialog

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 60 * 1000


def _changed(report: SyncReport) -> Changed:
    return Changed(clients=frozenset(uuid.UUID(c) for c in report.changed_clients),
                   sessions=frozenset(uuid.UUID(s) for s in report.changed_sessions),
                   themes=report.applied > 0)


class SyncFeature(QObject):
    def __init__(self, window: MainWindow, *, interval_ms: int = SYNC_EVERY_MS,
                 clock: Clock = utcnow) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.label = SyncStatusLabel(window)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.dialog: SyncDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        self.failure: str | None = None
        #: Whether this vault syncs, as the last status read said (the timer asks it).
        self.syncing = False
        self._run_when_read = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        # Also on a computer with no vault yet: it offers to join another computer's.
        self.action = window.add_action(
            "file", "Sync…", self.open_page, needs_vault=False,
            tip="Keep this vault in step with your other computers")
        self.action.setEnabled(not vault_exists(window.context.folder))
        window.context.events.unlocked.connect(self._unlocked)
        window.context.events.locked.connect(self._locked)
        window.lifecycle.before_lock(self.on_leaving)
        window.lifecycle.before_close(self.on_leaving)

    @property
    def service(self) -> SyncService:
        from db.sync.service import SyncService  # the core loads at the first unlock

        return SyncService(self.window.context, self.clock)

    def refresh(self) -> None:
        """Read the status and the flags in a job; shown when they arrive."""
        context = self.window.context
        if not context.unlocked:
            return
        service = self.service

        def read() -> tuple[SyncStatus, list[Flag]]:
            from db.sync.flags import open_flags

            status = service.status()
            return status, open_flags(context) if status.syncing else []

        context.jobs.start(read, on_done=self._show, on_error=self._read_failed,
                           key=(self, "status"), owner=self, name="reading the sync status")

    def _show(self, answer: tuple[SyncStatus, list[Flag]]) -> None:
        status, flags = answer
        if not self.window.context.unlocked:
            return
        self.syncing = status.syncing
        self.label.show_status(status, self.clock(), self.failure)
        if self.dialog is not None:
            self.dialog.show_status(status)
            self.dialog.show_flags(flags)
        if status.syncing and not self.timer.isActive():
            self.timer.start()
        if self._run_when_read:
            self._run_when_read = False
            if status.syncing:
                self._run("run")

    def _read_failed(self, failure: object) -> None:
        log.warning("reading the sync status failed: %s", type(failure).__name__)

    def resolve(self, flag_id: str) -> None:
        from db.sync.flags import resolve

        context = self.window.context

        def run(_services: object) -> Changed:
            resolve(context, flag_id)
            return Changed()

        context.submit(run, initiator=self, on_done=lambda _: self.refresh(),
                       on_error=self._failed)

    def compare(self, flag_id: str) -> None:
        """Open a flag's two texts side by side (read in a job by the dialog)."""
        from desktop.gui.sync.compare import CompareDialog

        self.compare_dialog = CompareDialog(self.window.context, flag_id,
                                            self.dialog or self.window)
        self.compare_dialog.settled.connect(self.refresh)
        self.compare_dialog.finished.connect(self._compare_closed)
        self.compare_dialog.open()

    def _compare_closed(self) -> None:
        self.compare_dialog = None

    def _run(self, work: str, folder: Path | None = None, name: str = "") -> None:
        service = self.service

        def run(_services: object) -> Changed:
            if work == "start":
                assert folder is not None
                return _changed(service.start(folder, name))
            return _changed(service.run())

        self.window.context.submit(run, initiator=self, on_done=self._done,
                                   on_error=self._failed)

    def sync_now(self) -> None:
        if self.window.context.unlocked and self.syncing:
            self._run("run")

    def start(self, folder: Path, name: str) -> None:
        self._run("start", folder, name)

    def _done(self, _value: object) -> None:
        self.failure = None
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        log.warning("sync failed: %s", type(error).__name__)
        sentence = str(error) if isinstance(error, ThreadlineError) else (
            "syncing stopped unexpectedly")
        self.failure = None if isinstance(error, SyncFolderMissing | SyncFolderForeign) \
            else sentence
        if self.dialog is not None:
            self.dialog.show_error(sentence)
        self.refresh()

    def pair(self, path: Path) -> None:
        """Write a pairing file (in a job: the group is read from the vault, the file
        written and fsynced), then show its one-time passphrase, once."""
        context = self.window.context

        def make() -> str | None:
            from db.atomic import write_atomic
            from db.sync import pairing
            from db.sync.state import read_group

            with context.database.read() as session:
                group = read_group(session)
            if group is None:
                return None
            secret = pairing.one_time_passphrase()
            write_atomic(path, pairing.make(group, secret))
            return secret

        def shown(secret: str | None) -> None:
            from desktop.gui.sync.page import show_pairing_passphrase

            if secret is not None:
                show_pairing_passphrase(self.window, path, secret)

        def failed(failure: Failure) -> None:
            if self.dialog is not None:
                self.dialog.show_error(failure.message)

        context.jobs.start(make, on_done=shown, on_error=failed, key=(self, "pair"),
                           owner=self, name="writing a pairing file")

    def open_page(self) -> None:
        if self.window.context.vault is None:  # no vault here yet: join another computer's
            self.window.gate.welcome.open_join()
            return
        if not self.window.context.unlocked:
            return
        from desktop.gui.sync.page import SyncDialog

        self.dialog = SyncDialog(None, self.clock, start=self.start,
                                 run_now=lambda: self._run("run"), pair=self.pair,
                                 resolve=self.resolve, compare=self.compare,
                                 parent=self.window)
        self.dialog.finished.connect(self._page_closed)
        self.refresh()
        self.dialog.open()

    def _page_closed(self) -> None:
        self.dialog = None

    def _unlocked(self) -> None:
        self.action.setEnabled(True)
        self._run_when_read = True  # a first run once the status says this vault syncs
        self.refresh()

    def _locked(self) -> None:
        self.action.setEnabled(False)
        self.timer.stop()
        self.syncing = self._run_when_read = False
        self.label.hide()
        if self.compare_dialog is not None:
            self.compare_dialog.reject()
        if self.dialog is not None:
            self.dialog.reject()

    def on_leaving(self) -> None:
        """Before the vault locks or closes: send what this device changed (the write
        queue is already drained, so this is the last write)."""
        self.timer.stop()
        if not self.window.context.unlocked:
            return
        try:
            if self.service.status().syncing:
                self.service.run()
        except ThreadlineError as error:
            log.warning("sync before closing failed: %s", type(error).__name__)


def install(window: MainWindow) -> None:
    SyncFeature(window)
