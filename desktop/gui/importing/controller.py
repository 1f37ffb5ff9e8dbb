"""File ▸ Import Threadline export… and File ▸ Import notes from a folder….

Questions go through the dialog seam, the work runs off the GUI thread, and what an
import changed is announced once on the app's ``changed`` signal, so the clients list
refreshes like after any other action.

Signals: ``imported(str)`` (what was created, for the status bar), ``failed(str)``,
``busy_changed(bool)`` (an export is being imported; a folder import shows its progress
in its own dialog).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from db.errors import Cancelled, VaultLocked
from db.interchange import folder_import
from db.interchange.files import import_json
from db.interchange.folder_import import FolderPlan
from db.interchange.importer import ImportReport
from db.progress import Cancel
from db.services.base import DatabaseProvider
from db.services.dto import Changed
from desktop.gui.common import dialogs
from desktop.gui.common.events import AppEvents
from desktop.gui.common.jobs import Failure, Jobs
from desktop.gui.importing.folder_dialog import FolderImportDialog
from desktop.gui.importing.messages import export_problem
from desktop.gui.importing.progress_dialog import ProgressDialog, ShowsProgress

EXPORT_FILTER = "Threadline exports (*.json);;All files (*)"
EXPORT_TITLE = "Import a Threadline export"
STOPPED = "The import was stopped; nothing was imported."


class ImportController(QObject, ShowsProgress):
    imported = Signal(str)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, vault: DatabaseProvider, events: AppEvents, window: QWidget, *,
                 jobs: Jobs | None = None) -> None:
        super().__init__(window)
        self._vault = vault
        self._events = events
        self._window = window
        self._jobs = jobs if jobs is not None else Jobs(self)
        self.dialog: FolderImportDialog | None = None
        #: What an export's import shows while it runs (step, bar, Cancel).
        self.progress: ProgressDialog | None = None

    @property
    def busy(self) -> bool:
        """An export is being imported, or a folder import's dialog is open."""
        return self._jobs.busy(self) or self.dialog is not None

    # --- a Threadline export (JSON) ----------------------------------------------------

    def import_export(self) -> bool:
        """Ask for the file, then import all of it or nothing; ``False`` if not started."""
        if self.busy:
            return False
        path = dialogs.choose_open_file(self._window, EXPORT_TITLE, EXPORT_FILTER)
        if path is None:
            return False
        database = self._vault.database
        cancel = Cancel()
        self._open_progress(EXPORT_TITLE, self._window, cancel.set)
        self._set_busy(True)

        def work(report: object) -> ImportReport:
            return import_json(database, path, lambda step, done: report((step, done)),  # type: ignore[operator]
                               cancel)

        self._jobs.start(work, on_done=self._export_imported, on_error=self._export_failed,
                         on_progress=self._show_progress, key=self, cancel=cancel.set,
                         name="importing an export")
        return True

    def _export_imported(self, report: ImportReport) -> None:
        self._close_progress()
        self._set_busy(False)
        self._announce(report.changed)
        self.imported.emit(report.summary())

    def _export_failed(self, failure: Failure) -> None:
        self._close_progress()
        self._set_busy(False)
        if isinstance(failure.error, Cancelled):
            self.imported.emit(STOPPED)  # for the status bar; nothing to warn about
            return
        message = export_problem(failure.error)
        dialogs.warning(self._window, EXPORT_TITLE, message)
        self.failed.emit(message)

    # --- a folder of notes ----------------------------------------------------------------

    def import_folder(self) -> FolderImportDialog | None:
        """Ask for the folder and open the preview; ``None`` if nothing was chosen."""
        if self.busy:
            return None
        folder = dialogs.choose_folder(self._window, "Import notes from a folder",
                                       Path.home())
        if folder is None:
            return None
        database = self._vault.database
        dialog = FolderImportDialog(
            folder, lambda: folder_import.preview(folder, database),
            lambda plan: folder_import.apply(plan, database), self._window, jobs=self._jobs)
        dialog.imported.connect(self._folder_imported)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog  # it shows its own progress
        dialog.open()
        dialog.start_preview()
        return dialog

    def _dialog_closed(self, _result: int = 0) -> None:
        self.dialog = None

    def _folder_imported(self, plan: FolderPlan, changed: Changed) -> None:
        self._announce(changed)
        self.imported.emit(f"Imported {plan.summary()}")

    def _announce(self, changed: Changed) -> None:
        """Tell the views, unless the vault was locked meanwhile (they are gone then)."""
        try:
            self._vault.database  # noqa: B018 (raises VaultLocked while locked)
        except VaultLocked:
            return
        self._events.announce(changed)

    def close_dialog(self) -> None:
        """On locking: the preview holds client codes and note texts; an import's progress
        goes too (its job is stale now, and the lock's rollback leaves nothing)."""
        self._close_progress()
        if self.dialog is not None:
            self.dialog.close_now()
            self.dialog = None

    def _set_busy(self, busy: bool) -> None:
        self.busy_changed.emit(busy)
