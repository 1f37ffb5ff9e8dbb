"""The note keeps its measure: panels narrow, then fold away, before the text does.

At 1366×768 with the Marks and Measures panels shown, the note's column came down to
about 30 characters while the sessions list and the docks kept their width. Whenever the
room changes (the window is resized, a dock is shown or moved, a note is opened, the text
size changes; not when a pane is opened by key or a column dragged),
:class:`MeasureKeeper` gives the note what it lacks for a line of ``LINE_CHARACTERS``,
taking it in this order: the sessions column down to
``MIDDLE_LEAST``, the docks beside the window down to ``DOCK_LEAST``, the clients column
down to ``CLIENTS_LEAST``, then folding the clients column away and at last the sessions
column. A column it folded away comes back by itself once there is room for it again, or
when its pane is asked for by key (F6, Ctrl+Shift+C, Ctrl+Shift+S). The window itself is
never resized, and a column the clinician drags is left where they put it.

While the first note of a client is on its way (its surface still hidden), the keeper
makes its room from the editor's width: the columns fold while the client is shown, and
the note then opens into a window that keeps its layout. Folded with the note, the
whole window was laid out and painted again in the same turn as the note's own paint
(docs/performance-notes.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from desktop.gui.workspace.writing_surface import MIN_MARGIN

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow
    from desktop.gui.workspace.workspace import WorkspaceView

CLIENTS, MIDDLE, NOTE = range(3)  # the workspace splitter's columns
CLIENTS_LEAST = 150  # codes and session counts still read
MIDDLE_LEAST = 300  # date, number, attendance and a chip
DOCK_LEAST = 220
#: Passes after one change: a dock gives its width back only once the window is laid out.
PASSES = 6
#: The panes the keys ask for, by their name in ``panes.PANES``.
PANE_COLUMNS = {"clients": CLIENTS, "sessions": MIDDLE}
FOLDED = {CLIENTS: "The clients list is folded away to give the note its width: "
                    "Ctrl+Shift+C brings it back.",
          MIDDLE: "The sessions list is folded away to give the note its width: "
                  "Ctrl+Shift+S brings it back."}
SIDE_AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


class MeasureKeeper(QObject):
    """Follows one workspace in one window (made after each unlock, gone with it)."""

    def __init__(self, window: MainWindow, workspace: WorkspaceView) -> None:
        super().__init__(workspace)
        self.window = window
        self.workspace = workspace
        self.paused = False  # focus mode: the note is alone
        #: Columns folded away by the keeper, with the width each had, latest last.
        self.folded: list[tuple[int, int]] = []
        self._passes = 0
        #: The editor's width beside the note's surface (side panels), as last seen.
        self._chrome = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._pass)
        splitter = workspace.splitter
        for column in (CLIENTS, MIDDLE):
            splitter.setCollapsible(column, True)
        splitter.setCollapsible(NOTE, False)
        splitter.splitterMoved.connect(self._moved_by_hand)
        window.installEventFilter(self)
        workspace.installEventFilter(self)
        # Bound methods, not lambdas: the docks outlive this workspace, and Qt lets go of a
        # method's connection when its object is deleted (on locking).
        for dock in window.findChildren(QDockWidget):
            dock.visibilityChanged.connect(self._room_changed)
            dock.dockLocationChanged.connect(self._room_changed)
            dock.topLevelChanged.connect(self._room_changed)
        workspace.editor.note_loaded.connect(self._room_changed)
        workspace.client_view.sessions.session_selected.connect(self._room_changed)
        workspace.panes.reveal = self.reveal
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self.soon()

    def _room_changed(self, *_args: object) -> None:
        self.soon()

    def soon(self) -> None:
        """Look again once the layout has settled (a few passes, then it rests)."""
        self._passes = PASSES
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._passes = max(self._passes, 2)
            self._timer.start()
        return False

    def _pass(self) -> None:
        if self._passes <= 0:
            return
        self._passes -= 1
        if self.keep():
            self._timer.start()

    def keep(self) -> bool:
        """Give the note what it lacks, or fold back out what there is room for again;
        returns whether anything changed (the layout then settles before the next look)."""
        surface = self.workspace.editor.surface()
        if self.paused:
            return False
        if surface.isVisible():
            self._chrome = self.workspace.editor.width() - surface.width()
            short = surface.short_by()
            if short <= 0:
                return self._unfold(surface.viewportMargins().left() * 2 - 2 * MIN_MARGIN)
        elif self.workspace.editor.isVisible() and self.workspace.session_coming:
            # The first note is on its way: make its room now, while the client is shown
            # (its list is painted once, narrow), not in the same turn as the note.
            short = surface.short_by_at(self.workspace.editor.width() - self._chrome)
            if short <= 0:
                return False
        else:
            return False
        sizes = self.workspace.splitter.sizes()
        short -= self._take(sizes, MIDDLE, short, self._least(MIDDLE))
        if short > 0:
            short -= self._narrow_docks(short)
        if short > 0:
            short -= self._take(sizes, CLIENTS, short, self._least(CLIENTS))
        for column in (CLIENTS, MIDDLE):
            if short > 0 and sizes[column] > 0:
                self.folded.append((column, sizes[column]))
                if not self.window.statusBar().currentMessage():  # never over another
                    self.window.show_message(FOLDED[column])
                short -= self._take(sizes, column, sizes[column], 0)
        if sizes == self.workspace.splitter.sizes():
            return short > 0 and self._passes > 0 and self._docks_moving()
        self.workspace.splitter.setSizes(sizes)
        return True

    def _unsay(self, column: int) -> None:
        """A column is back: the status bar no longer says it is folded away."""
        bar = self.window.statusBar()
        if bar.currentMessage() == FOLDED[column]:
            bar.clearMessage()

    def _column(self, column: int) -> QWidget:
        return self.workspace.clients if column == CLIENTS else self.workspace.middle

    def _least(self, column: int) -> int:
        """A column's width at its narrowest (it may ask for more than our least)."""
        widget = self._column(column)
        return max(CLIENTS_LEAST if column == CLIENTS else MIDDLE_LEAST,
                   widget.minimumSizeHint().width(), widget.minimumWidth())

    def _take(self, sizes: list[int], column: int, wanted: int, least: int) -> int:
        given = max(0, min(wanted, sizes[column] - least))
        sizes[column] -= given
        sizes[NOTE] += given
        return given

    def _side_docks(self) -> list[QDockWidget]:
        return [dock for dock in self.window.findChildren(QDockWidget)
                if dock.isVisible() and not dock.isFloating()
                and self.window.dockWidgetArea(dock) in SIDE_AREAS]

    def _narrow_docks(self, wanted: int) -> int:
        """Narrow the docks beside the window by up to ``wanted`` pixels in all."""
        docks, widths, given = [], [], 0
        for dock in self._side_docks():
            least = max(DOCK_LEAST, dock.minimumSizeHint().width())
            room = max(0, min(wanted - given, dock.width() - least))
            if room:
                docks.append(dock)
                widths.append(dock.width() - room)
                given += room
        if docks:
            self.window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
        return given

    def _docks_moving(self) -> bool:
        return any(dock.width() > max(DOCK_LEAST, dock.minimumSizeHint().width())
                   for dock in self._side_docks())

    def _unfold(self, spare: int) -> bool:
        """Bring back the latest column folded away if the note can spare its width."""
        if not self.folded:
            return False
        column, width = self.folded[-1]
        if spare < self._least(column):
            return False
        self.folded.pop()
        self._unsay(column)
        sizes = self.workspace.splitter.sizes()
        given = min(width, spare)
        sizes[column] = given
        sizes[NOTE] = max(0, sizes[NOTE] - given)
        self.workspace.splitter.setSizes(sizes)
        return True

    def reveal(self, pane: str) -> None:
        """A pane was asked for by key: a column folded away opens again at once."""
        column = PANE_COLUMNS.get(pane)
        if column is None:
            return
        sizes = self.workspace.splitter.sizes()
        if sizes[column] > 0:
            return
        width = next((w for c, w in self.folded if c == column), self._least(column))
        self.folded = [(c, w) for c, w in self.folded if c != column]
        self._unsay(column)
        sizes[column] = width
        sizes[NOTE] = max(0, sizes[NOTE] - width)
        self.workspace.splitter.setSizes(sizes)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The keyboard went into a column folded away (Tab, a search result): open it,
        so that what has the keyboard is seen."""
        if new is None or not self.folded:
            return
        for column, name in ((CLIENTS, "clients"), (MIDDLE, "sessions")):
            widget = self._column(column)
            if widget is new or widget.isAncestorOf(new):
                self.reveal(name)

    def _moved_by_hand(self, _position: int, _index: int) -> None:
        """The clinician arranged the columns: what they open is theirs now."""
        sizes = self.workspace.splitter.sizes()
        self.folded = [(c, w) for c, w in self.folded if sizes[c] == 0]

