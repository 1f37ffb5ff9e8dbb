"""File ▸ Import notes from a folder…: a preview of what will be created, then Import.

The folder is read off the GUI thread as soon as the dialog opens; the tables show every
session the import creates (client folder, client code and whether that client is new,
date, file, words) and every file it skips with the reason. Import runs off the GUI
thread too; the dialog closes when the sessions are in the vault.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.plural import count as count_of
from desktop.gui.common.busy import BusyIndicator
from desktop.gui.common.jobs import Failure, Jobs
from desktop.gui.common.style import error_label, muted, show_error
from desktop.gui.importing.messages import sentence
from desktop.gui.importing.preview_models import (
    PlannedSessionsModel,
    SessionColumn,
    SkippedColumn,
    SkippedFilesModel,
)

if TYPE_CHECKING:
    from db.interchange.folder_import import FolderPlan
    from db.services.dto import Changed

log = logging.getLogger(__name__)

TITLE = "Import notes from a folder"


def _table(model: PlannedSessionsModel | SkippedFilesModel, name: str,
           parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setHighlightSections(False)
    return table


class FolderImportDialog(QDialog):
    """Preview and import one folder of notes.

    ``preview()`` reads the folder and returns a :class:`FolderPlan`; ``apply(plan)``
    imports it and returns what changed. Both run in the thread pool.

    Signals
    -------
    previewed(FolderPlan)
        The folder has been read and the tables filled.
    imported(FolderPlan, Changed)
        The plan's clients and sessions are in the vault (the dialog then closes).
    failed(str)
        Reading or importing failed; the sentence is shown in the dialog.
    """

    previewed = Signal(object)
    imported = Signal(object, object)
    failed = Signal(str)

    def __init__(self, folder: Path, preview: Callable[[], FolderPlan],
                 apply: Callable[[FolderPlan], Changed], parent: QWidget | None = None, *,
                 jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it holds the notes' text
        self.setWindowTitle(TITLE)
        self.resize(880, 620)
        self._preview, self._apply = preview, apply
        self.plan: FolderPlan | None = None
        self._jobs = jobs if jobs is not None else Jobs(self)
        self.source = muted(f"From the folder “{folder.name or folder}”", self)
        self.source.setToolTip(str(folder))
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.sessions_model = PlannedSessionsModel(self)
        self.sessions = _table(self.sessions_model, "Sessions to create", self)
        self.skipped_label = QLabel("", self)
        self.skipped_model = SkippedFilesModel(self)
        self.skipped = _table(self.skipped_model, "Files to skip", self)
        self.busy = BusyIndicator("Reading the notes…", self)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.summary)
        self.skipped_box = QWidget(self)  # the label and table of skipped files
        column = QVBoxLayout(self.skipped_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.skipped_label)
        column.addWidget(self.skipped, 1)
        self.skipped_box.hide()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sessions)
        self.splitter.addWidget(self.skipped_box)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def working(self) -> bool:
        return self._jobs.busy(self)

    # --- reading the folder -----------------------------------------------------------

    def start_preview(self) -> None:
        self.busy.start("Reading the notes…")
        self._jobs.start(self._preview, on_done=self._show_plan, on_error=self._preview_failed,
                         key=self, name="reading a folder of notes")

    def _show_plan(self, plan: FolderPlan) -> None:
        self.busy.stop()
        self.plan = plan
        new = frozenset(plan.new_clients)
        self.sessions_model.set_plan(list(plan.sessions), new)
        self.skipped_model.set_rows(list(plan.skipped))
        self.summary.setText(_describe(plan))
        if plan.skipped:
            count = len(plan.skipped)
            self.skipped_label.setText(f"{count_of(count, 'file')} will be "
                                       "skipped:")
        self.skipped_box.setVisible(bool(plan.skipped))
        self._fit_columns()
        # Room in proportion to the rows, but each table keeps a few rows in view.
        weight = [max(len(plan.sessions), 4), max(min(len(plan.skipped), 40), 4)]
        self.splitter.setSizes([1000 * w // sum(weight) for w in weight])
        self.import_button.setEnabled(bool(plan.sessions))
        self.import_button.setDefault(bool(plan.sessions))
        self.previewed.emit(plan)

    def _fit_columns(self) -> None:
        header = self.sessions.horizontalHeader()
        self.sessions.resizeColumnsToContents()
        header.setSectionResizeMode(SessionColumn.FILE, QHeaderView.ResizeMode.Stretch)
        skipped = self.skipped.horizontalHeader()
        self.skipped.resizeColumnsToContents()
        skipped.setSectionResizeMode(SkippedColumn.REASON, QHeaderView.ResizeMode.Stretch)

    def _preview_failed(self, failure: Failure) -> None:
        self.busy.stop()
        self._fail(sentence(failure.error, "reading the folder"))

    # --- importing --------------------------------------------------------------------

    def start_import(self) -> None:
        if self.plan is None or not self.plan.sessions or self.working:
            return
        plan, apply = self.plan, self._apply
        show_error(self.error, "")
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.busy.start("Importing…")
        # The dialog owns its jobs (their key): nothing arrives once it is gone.
        self._jobs.start(lambda: apply(plan), on_done=self._imported,
                         on_error=self._import_failed, key=self, name="importing a folder")

    def _imported(self, changed: Changed) -> None:
        self.busy.stop()
        if self.plan is not None:
            self.imported.emit(self.plan, changed)
        self.accept()

    def _import_failed(self, failure: Failure) -> None:
        self.busy.stop()
        self.cancel_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self._fail(sentence(failure.error, "importing a folder"))

    def _fail(self, message: str) -> None:
        show_error(self.error, message)
        self.failed.emit(message)

    def reject(self) -> None:
        if self.working and self.plan is not None:  # the import itself cannot be stopped
            return
        super().reject()

    def close_now(self) -> None:
        """Close and forget the preview (the vault is locking).

        A running import still finishes in its thread, but nothing is announced.
        """
        self.sessions_model.set_rows([])
        self.skipped_model.set_rows([])
        self.summary.clear()
        self.plan = None
        self.done(QDialog.DialogCode.Rejected)


def _describe(plan: FolderPlan) -> str:
    if not plan.sessions:
        return ("Nothing to import: no .txt or .md file here has a date in its name or "
                "first line." if plan.skipped else "Nothing to import: this folder holds no "
                "notes.")
    sessions, clients = len(plan.sessions), len(plan.clients)
    new = len(plan.new_clients)
    existing = clients - new
    parts = []
    if new:
        parts.append(f"{new} new client{'s' if new != 1 else ''}")
    if existing:
        parts.append(f"{existing} existing client{'s' if existing != 1 else ''}")
    return (f"{sessions} session{'s' if sessions != 1 else ''} will be created for "
            f"{' and '.join(parts)}.")
