"""Importing in the main window (an entry of ``desktop.app.EXTENSIONS``).

Adds File ▸ Import Threadline export… and File ▸ Import notes from a folder…, and a
busy indicator in the status bar while an export is imported. Only Qt is imported here:
the core loads when an import is first asked for, so the first paint stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.gui.common.busy import BusyIndicator

if TYPE_CHECKING:
    from desktop.gui.importing.controller import ImportController
    from desktop.gui.main_window import MainWindow



class ImportFeature(QObject):
    """Everything importing adds to one main window; built by :func:`install`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.busy = BusyIndicator("Importing…", window)
        window.statusBar().addWidget(self.busy)
        self._controller: ImportController | None = None
        window.add_section("file")
        window.add_action("file", "Import Threadline export…", self.import_export,
                          tip="Add the clients and sessions of a Threadline export (JSON) "
                              "to this vault")
        window.add_action("file", "Import notes from a folder…", self.import_folder,
                          tip="Bring in notes written elsewhere: one .txt or .md file per "
                              "session, a folder per client")
        window.context.events.locked.connect(self._locked)

    @property
    def controller(self) -> ImportController:
        if self._controller is None:
            from desktop.gui.importing.controller import ImportController

            self._controller = ImportController(self.window.context,
                                                self.window.context.events, self.window,
                                                jobs=self.window.context.jobs)
            self._controller.imported.connect(self.window.show_message)
            self._controller.busy_changed.connect(self._busy)
        return self._controller

    def import_export(self) -> None:
        self._save_typing()
        self.controller.import_export()

    def import_folder(self) -> None:
        self._save_typing()
        self.controller.import_folder()

    def _save_typing(self) -> None:
        """Save the note being written first, so the import's write never waits on it."""
        if self.window.workspace is not None:
            self.window.workspace.flush()

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy.start("Importing the export…")
        else:
            self.busy.stop()

    def _locked(self) -> None:
        if self._controller is not None:
            self._controller.close_dialog()
        self.busy.stop()


def install(window: MainWindow) -> None:
    """Add importing to ``window``; the feature lives as the window's child object."""
    ImportFeature(window)
