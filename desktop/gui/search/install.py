"""Search in the main window: Ctrl+K, "Find in this client", opening a hit in the editor.

``install(window)`` is one of :data:`desktop.app.EXTENSIONS`. The popup is built after each
unlock and deleted when the vault locks, so no query or result outlives the key.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject

from db.search.dto import SearchFilters, SearchResults
from db.search.query import Term
from desktop.gui.main_window import MainWindow
from desktop.gui.search.highlight import clear_hits, highlight_hits
from desktop.gui.search.search_popup import SearchPopup

SEARCH_SHORTCUT = "Ctrl+K"
CLIENT_SHORTCUT = "Ctrl+Shift+K"


class SearchWiring(QObject):
    """Owns the popup of one main window and carries its choices to the workspace."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.popup: SearchPopup | None = None
        window.context.events.locked.connect(self.drop)
        window.selection_changed.connect(lambda *_: self._clear_highlights())

    def _popup(self) -> SearchPopup:
        if self.popup is None:
            services = self._window.context.services
            self.popup = SearchPopup(self._search, services.clients.list_clients,
                                     self._window, services.themes.offered,
                                     jobs=self._window.context.jobs)
            self.popup.open_requested.connect(self.open_hit)
            self.popup.client_requested.connect(self.open_client)
        return self.popup

    def _search(self, query: str, filters: SearchFilters, limit: int) -> SearchResults:
        """Run off the GUI thread (the searcher's job): bring the index up through the
        write pipeline, in order with the saves, then read. Waits only when notes are
        pending (with the integrity check running, for its verdict)."""
        from desktop.gui.common.operations import Operation

        context = self._window.context
        if context.services.indexer.pending():
            op = context.operations.submit(Operation(
                lambda services: services.indexer.catch_up()))
            op.done.wait()
        return context.services.search.search(query, filters, limit)

    def open(self) -> None:
        self._prepared().open()

    def _prepared(self) -> SearchPopup:
        popup = self._popup()
        popup.set_privacy(self._window.privacy_action.isChecked())
        self._place(popup)
        return popup

    def find_in_client(self) -> None:
        client_id = self._window.current_client_id()
        if client_id is None:
            self._window.show_message("Choose a client first, then find in their notes.")
            return
        self._prepared().find_in_client(self._window.context.services.clients.get(client_id))

    def _place(self, popup: SearchPopup) -> None:
        """Centred near the top of the window, like a command palette."""
        frame = self._window.geometry()
        width = min(720, max(420, frame.width() - 80))
        popup.resize(width, min(520, max(320, frame.height() - 120)))
        popup.move(frame.left() + (frame.width() - width) // 2, frame.top() + 60)

    def open_hit(self, session_id: uuid.UUID, kind: str, terms: tuple[Term, ...]) -> None:
        """Show the session's note and mark the hits in it."""
        services = self._window.context.services
        client_id = services.sessions.get(session_id).client_id

        def shown() -> None:
            workspace = self._window.workspace
            if workspace is None or workspace.current_session_id() != session_id:
                return
            workspace.editor.show_kind(kind)
            count = highlight_hits(workspace.editor.surface(), terms)
            if count:
                self._window.show_message(f"{count} {'hit' if count == 1 else 'hits'} "
                                          "marked in this note.")

        self._window.open_session(client_id, session_id, then=shown)

    def open_client(self, client_id: uuid.UUID) -> None:
        self._window.open_session(client_id)

    def _clear_highlights(self) -> None:
        workspace = self._window.workspace
        if workspace is not None:
            for surface in workspace.editor.surfaces.values():
                clear_hits(surface)

    def drop(self) -> None:
        if self.popup is not None:
            self.popup.searcher.cancel()
            self.popup.hide()
            self.popup.deleteLater()
            self.popup = None


def install(window: MainWindow) -> None:
    wiring = SearchWiring(window)
    wiring.setObjectName("search")  # window.findChild(SearchWiring) reaches it
    window.add_action("edit", "Search all notes…", wiring.open, shortcut=SEARCH_SHORTCUT,
                      icon="system-search", tip="Search every note, addendum, mark and "
                      "episode")
    window.add_action("client", "Find in this client…", wiring.find_in_client,
                      shortcut=CLIENT_SHORTCUT, icon="edit-find",
                      tip="Search the notes of the chosen client")
