"""The clinician's workspace: clients on the left, the client in the middle, the note right.

It listens to ``AppEvents.changed`` and reloads only what a change touched.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from db.errors import NotFound
from db.services.dto import Changed, SessionDTO
from db.vocabulary import ClientStatus, NoteKind, RevisionReason
from desktop.gui.common import dialogs
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.jobs import Failure
from desktop.gui.common.style import muted
from desktop.gui.workspace.client_form import ClientForm
from desktop.gui.workspace.client_view import ClientView
from desktop.gui.workspace.clients_panel import ClientsPanel
from desktop.gui.workspace.note_editor import NoteEditor
from desktop.gui.workspace.panes import Panes
from desktop.gui.workspace.reading import ClientReading, SessionReading, SessionReads
from desktop.gui.workspace.session_form import SessionForm

TABS = ("sessions", "frame")
#: What the status bar says once a client's status is set.
STATUS_SET: dict[str, str] = {ClientStatus.CLOSED: "Client closed.",
                              ClientStatus.PAUSED: "Client paused.",
                              ClientStatus.ACTIVE: "Client reopened."}


@dataclass(frozen=True)
class Location:
    """Where the clinician was: restored after unlocking. Holds ids only."""

    client_id: uuid.UUID | None
    session_id: uuid.UUID | None
    kind: str = NoteKind.PROCESS
    tab: str = "sessions"
    scroll: tuple[tuple[str, int], ...] = ()  # (note kind, the paragraph at the top)


class WorkspaceView(QWidget):
    """Signals: ``status(str)``, ``save_state(str)``, ``selection_changed(client, session)``
    (once what was chosen is shown), ``session_shown(SessionReading)``.

    Built empty; :meth:`reload_clients` fills the client list.
    """

    status = Signal(str)
    save_state = Signal(str)
    selection_changed = Signal(object, object)
    session_shown = Signal(object)  # SessionReading: a session's note and rooms' parts

    def __init__(self, context: AppContext, clipboard: ClipboardGuard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.reads = SessionReads(context, self)
        self._reading_session: uuid.UUID | None = None
        self._going: Location | None = None
        self._then: Callable[[], object] | None = None
        self.clients = ClientsPanel(self)
        self.client_view = ClientView(context, self)
        self.no_client = muted("Choose a client on the left, or add one with New client.",
                               self)
        self.no_client.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.middle = QStackedWidget(self)
        # Shown while a newly chosen client is read: never the last client's sessions
        # beside another client's row.
        self.opening = muted("Opening the client…", self)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.middle.addWidget(self.no_client)
        self.middle.addWidget(self.opening)
        self.middle.addWidget(self.client_view)
        self.editor = NoteEditor(context, clipboard, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.clients, self.middle, self.editor):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(2, 1)
        self._layout_restored = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.clients.client_selected.connect(self._client_selected)
        self.clients.new_requested.connect(self.new_client)
        self.client_view.sessions.session_selected.connect(self._session_selected)
        self.client_view.sessions.edit_requested.connect(self.edit_session)
        self.client_view.frame.edit_frame_requested.connect(self.edit_client)
        self.editor.status.connect(self.status)
        self.panes = Panes({"clients": lambda: self.clients.table,
                            "sessions": lambda: self.client_view.sessions.table,
                            "note": self.editor.surface},
                           [self.clients.table, self.client_view.sessions.table,
                            *self.editor.surfaces.values()])
        self.editor.save_state.connect(self.save_state)
        context.events.changed.connect(self._changed)

    # --- loading and refreshing -------------------------------------------------------
    # Clients and sessions are read off the GUI thread (reading.py); what arrives is shown
    # only if it is still what the lists point at. ``_going`` is a place still on its way
    # (restored after unlocking, or a session just created): each answer takes it a step.

    def reload_clients(self) -> None:
        self.clients.set_clients(self._context.services.clients.list_clients())

    def _client_selected(self, client_id: uuid.UUID | None) -> None:
        if client_id is None:
            self.reads.forget("client")
            self._forget_session_read()
            self.editor.load(None)
            self.middle.setCurrentWidget(self.no_client)
            self.selection_changed.emit(None, None)
            return
        if self.client_view.client is None or self.client_view.client.id != client_id:
            self._forget_session_read()
            self.editor.load(None)
            self.middle.setCurrentWidget(self.opening)
        self._read_client(client_id, announce=True)

    def _read_client(self, client_id: uuid.UUID, *, announce: bool) -> None:
        self.reads.client(client_id, lambda reading: self._show_client(reading, announce),
                          self._read_failed)

    def _show_client(self, reading: ClientReading, announce: bool) -> None:
        client_id = reading.client.id
        if client_id != self.current_client_id():
            return  # the list moved on meanwhile
        self.client_view.set_client(reading.client)
        self.client_view.sessions.set_sessions(reading.sessions)
        self.middle.setCurrentWidget(self.client_view)
        if announce:
            self.selection_changed.emit(client_id, self.current_session_id())
        self._go_on()

    def _session_selected(self, session_id: uuid.UUID | None) -> None:
        self._forget_session_read()
        if session_id is None or session_id == self.editor.session_id:
            if session_id is None:
                self.editor.load(None)
            self.selection_changed.emit(self.current_client_id(), session_id)
            return
        self._read_session(session_id)

    def _read_session(self, session_id: uuid.UUID) -> None:
        self._reading_session = session_id
        self.reads.session(session_id, self._show_session, self._read_failed)

    def _forget_session_read(self) -> None:
        self._reading_session = None
        self.reads.forget("session")

    def _show_session(self, reading: SessionReading) -> None:
        self._reading_session = None
        if reading.session_id != self.client_view.sessions.current_session_id():
            return  # another row was chosen meanwhile
        self.editor.show_note(reading.note)
        self.session_shown.emit(reading)
        going, self._going = self._going, None
        arrived = going is not None and going.session_id == reading.session_id
        if going is not None and arrived:
            self.editor.show_kind(going.kind)
            self._scroll_to(going.scroll)
            QTimer.singleShot(0, lambda: self._scroll_to(going.scroll))  # once laid out
        self.selection_changed.emit(self.current_client_id(), reading.session_id)
        self._arrive(arrived)

    def _arrive(self, arrived: bool) -> None:
        then, self._then = self._then, None
        if then is not None and arrived:
            then()

    def reread_session(self) -> None:
        """Read the open session again, with every room's part (e.g. once a room added
        its part to :attr:`reads`)."""
        if self.editor.session_id is not None:
            self._read_session(self.editor.session_id)

    def _read_failed(self, failure: Failure) -> None:
        self._reading_session = None
        if isinstance(failure.error, NotFound):  # deleted meanwhile (another window, sync)
            self.reload_clients()
            return
        self.status.emit(failure.message)

    def _changed(self, changed: Changed) -> None:
        client_id = self.current_client_id()
        if changed.clients:
            self.reload_clients()
        reading = self._reading_session
        if reading is not None and reading in changed.sessions:
            self._read_session(reading)  # what is on its way may predate this change
        if client_id is None:
            return
        if client_id in changed.clients:
            self._client_selected(client_id)
        elif changed.themes:
            self._reload_sessions(client_id)
        elif changed.sessions:
            self._refresh_sessions(client_id, changed.sessions)

    def _reload_sessions(self, client_id: uuid.UUID) -> None:
        self._read_client(client_id, announce=False)

    def _refresh_sessions(self, client_id: uuid.UUID,
                          session_ids: frozenset[uuid.UUID]) -> None:
        """Update just the rows that changed: an autosave must not reload a long list."""
        self.reads.rows(session_ids, lambda rows: self._show_rows(client_id, rows),
                        self._read_failed)

    def _show_rows(self, client_id: uuid.UUID, rows: list[SessionDTO] | None) -> None:
        if client_id != self.current_client_id() or self.reads.busy_with("client"):
            return  # another client, or a whole new list is on its way
        model = self.client_view.sessions.model
        if rows is None or any(session.client_id == client_id and not model.update_row(session)
                               for session in rows):
            self._reload_sessions(client_id)  # a row was added or deleted

    # --- where the clinician is -------------------------------------------------------

    def current_client_id(self) -> uuid.UUID | None:
        return self.clients.current_client_id()

    def current_session_id(self) -> uuid.UUID | None:
        return self.editor.session_id

    @property
    def session_coming(self) -> bool:
        """A session's note is on its way to the editor (read, or the place restored)."""
        going = self._going
        return self._reading_session is not None or (going is not None
                                                     and going.session_id is not None)

    @property
    def settled(self) -> bool:
        """Nothing the workspace shows is still being read."""
        return not self.reads.busy and self._going is None

    def location(self) -> Location:
        tab = TABS[max(0, self.client_view.tabs.currentIndex())]
        scroll = tuple((kind, surface.top_block())
                       for kind, surface in self.editor.surfaces.items())
        return Location(self.current_client_id(), self.current_session_id(), self.editor.kind,
                        tab, scroll)

    def restore(self, location: Location, then: Callable[[], object] | None = None) -> None:
        """Go to ``location``: at once as far as what is shown allows, the rest as the
        client's and the session's readings arrive; ``then`` once its session is shown."""
        if location.client_id is None:
            return
        self._going, self._then = location, then
        shown = self.client_view.client
        if not self.clients.select(location.client_id):
            self._going = self._then = None
            return
        if shown is not None and shown.id == location.client_id:
            self._go_on()  # the client was shown already: no reading to wait for

    def _go_on(self) -> None:
        going = self._going
        if going is None or going.client_id != self.current_client_id():
            return
        self.client_view.tabs.setCurrentIndex(TABS.index(going.tab))
        if going.session_id is None:
            self._going = None
            self._arrive(True)
            return
        if not self.client_view.sessions.select(going.session_id):
            if not self.reads.busy:
                self._going = None  # not among this client's sessions (deleted)
                self._arrive(False)
            return
        if self.editor.session_id == going.session_id and self._reading_session is None:
            self._going = None  # shown already
            self.editor.show_kind(going.kind)
            self._scroll_to(going.scroll)
            self._arrive(True)

    def _scroll_to(self, scroll: tuple[tuple[str, int], ...]) -> None:
        for kind, value in scroll:
            surface = self.editor.surfaces.get(kind)
            if surface is not None:
                surface.show_block_at_top(value)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("workspace/splitter", self.splitter.saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value("workspace/splitter")
        if state is not None:
            self._layout_restored = self.splitter.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._layout_restored:  # first run: clients, client and note at 16/36/48 %
            self._layout_restored = True  # (the note gets the most: it is where one writes)
            width = max(self.width(), 900)
            self.splitter.setSizes([width * 16 // 100, width * 36 // 100, width * 48 // 100])

    def set_privacy(self, on: bool) -> None:
        self.clients.set_privacy(on)
        self.client_view.set_privacy(on)

    def flush(self, reason: str = RevisionReason.AUTOSAVE, wait: bool = True) -> bool:
        return self.editor.flush(reason, wait)

    def stop_writing(self) -> None:
        self.editor.stop_writing()

    # --- actions (called from the menus) ----------------------------------------------

    def new_client(self) -> ClientForm:
        form = ClientForm(self._context, None, self)
        form.saved.connect(lambda client: self.clients.select(client.id))
        form.open()
        return form

    def edit_client(self) -> ClientForm | None:
        client = self.client_view.client if self.current_client_id() else None
        if client is None:
            self.status.emit("Choose a client first.")
            return None
        form = ClientForm(self._context, client, self)
        form.open()
        return form

    def show_frame(self) -> None:
        if self.current_client_id() is not None:
            self.client_view.tabs.setCurrentIndex(TABS.index("frame"))

    def set_client_status(self, status: str) -> None:
        client_id = self.current_client_id()
        if client_id is None:
            self.status.emit("Choose a client first.")
            return
        if status == ClientStatus.CLOSED and not dialogs.confirm(
                self, "Close client", "Close this client? Their notes stay in the vault, and "
                "you can reopen them at any time.", yes="Close client"):
            return
        def done(_: object) -> None:
            self.clients.select(client_id)
            self.status.emit(STATUS_SET[status])

        self._context.submit(lambda services: services.clients.set_status(client_id, status),
                             on_done=done, on_error=lambda error: dialogs.warning(
                                 self, "Not changed", str(error)))

    def new_session(self) -> SessionForm | None:
        client_id = self.current_client_id()
        if client_id is None:
            self.status.emit("Choose a client first, then start a session.")
            return None
        form = SessionForm(self._context, client_id, None, self)
        form.saved.connect(self._session_created)
        form.open()
        return form

    def _session_created(self, session: object) -> None:
        session_id = getattr(session, "id", None)
        client_id = self.current_client_id()
        if isinstance(session_id, uuid.UUID) and client_id is not None:
            # The list may still be reading the new row in: go there once it is.
            self._going = Location(client_id, session_id, NoteKind.PROCESS)
            self._go_on()

    def edit_session(self) -> SessionForm | None:
        client_id, session = self.current_client_id(), \
            self.client_view.sessions.current_session()
        if client_id is None or session is None:
            self.status.emit("Choose a session first.")
            return None
        form = SessionForm(self._context, client_id, session, self)
        form.open()
        return form

    def show_note(self, kind: str) -> None:
        if self.editor.note is not None:
            self.editor.show_kind(kind)

    def undo(self) -> None:
        self.editor.undo()

    def redo(self) -> None:
        self.editor.redo()

    def find_in_note(self) -> None:
        self.editor.find_in_note()

    def save_now(self) -> None:
        self.editor.save_now()

    def finalize(self) -> None:
        self.editor.finalize()

    def add_addendum(self) -> None:
        self.editor.focus_addendum()

    def show_history(self) -> None:
        self.editor.show_history()
