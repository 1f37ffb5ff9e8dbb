"""The global search popup (Ctrl+K): a field, two filters, results as you type.

Signals
-------
open_requested(session_id, note_kind, terms)
    A session hit was chosen (Enter, double-click or click); ``note_kind`` is
    ``"process"`` or ``"progress"``, the note to show; ``terms`` the query's positive
    :class:`~db.search.query.Term` tuple, for :func:`~desktop.gui.search.highlight.highlight_hits`.
client_requested(client_id)
    A hit on the client itself (code or name) was chosen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from db.search.dto import KINDS, SearchFilters, SearchHit, SearchResults
from db.services.dto import ClientDTO
from db.services.theme_dto import ThemeDTO
from desktop.gui.common.jobs import Jobs
from desktop.gui.search.result_delegate import SearchHitDelegate
from desktop.gui.search.results_model import SearchResultsModel
from desktop.gui.search.searcher import Searcher, SearchFunction

#: The note a hit opens: addenda, marks and episodes belong with the process note.
NOTE_OF_KIND = {"process": "process", "progress": "progress", "addendum": "process",
                "mark": "process", "episode": "process"}
KIND_CHOICES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Everything", frozenset()),
    ("Process notes", frozenset({"process"})),
    ("Progress notes", frozenset({"progress"})),
    ("Addenda", frozenset({"addendum"})),
    ("Marks and episodes", frozenset({"mark", "episode"})),
    ("Clients", frozenset({"client"})),
)
#: Label and how many days back (None: any time).
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("Any time", None), ("Last 30 days", 30), ("Last 3 months", 91), ("Last 12 months", 365),
)
HINT = 'Words must all match · "a phrase" · lock* · mother OR father · -exclude'
NAMES_HIDDEN = "Client names are hidden in privacy view, so clients are not searched."


class SearchPopup(QFrame):
    """Search every note of the vault; see the module docstring for the signals."""

    open_requested = Signal(object, str, object)
    client_requested = Signal(object)

    def __init__(self, search: SearchFunction, clients: Callable[[], list[ClientDTO]],
                 parent: QWidget | None = None,
                 themes: Callable[[], list[ThemeDTO]] | None = None, *,
                 jobs: Jobs | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("searchPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWindowTitle("Search")
        self.resize(680, 480)
        self._clients = clients
        self._themes = themes or list
        self._results: SearchResults | None = None
        self._open_when_ready = False  # Enter was pressed before the results came
        self._privacy = False
        self.searcher = Searcher(search, jobs=jobs)
        self.searcher.results.connect(self._show_results)
        self.searcher.failed.connect(self._show_failure)
        self._build()

    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Search all notes…")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search")
        self.field.textChanged.connect(lambda _: self._query_changed())
        self.field.installEventFilter(self)
        self.client_box = QComboBox(self)
        self.client_box.setAccessibleName("Client")
        self.client_box.currentIndexChanged.connect(lambda _: self._query_changed(now=True))
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Kind of text")
        for label, kinds in KIND_CHOICES:
            self.kind_box.addItem(label, kinds)
        self.kind_box.currentIndexChanged.connect(lambda _: self._query_changed(now=True))
        self.theme_box = QComboBox(self)
        self.theme_box.setAccessibleName("Theme")
        self.theme_box.currentIndexChanged.connect(lambda _: self._query_changed(now=True))
        self.period_box = QComboBox(self)
        self.period_box.setAccessibleName("Period")
        for label, days in PERIODS:
            self.period_box.addItem(label, days)
        self.period_box.currentIndexChanged.connect(lambda _: self._query_changed(now=True))
        filters = QHBoxLayout()
        for box in (self.client_box, self.kind_box, self.theme_box, self.period_box):
            filters.addWidget(box, 1)
        self.model = SearchResultsModel()
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(SearchHitDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setAccessibleName("Results")
        self.list.activated.connect(self._activate)
        self.list.clicked.connect(self._activate)
        self.status = QLabel(HINT, self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)

    # --- opening -----------------------------------------------------------------------

    def open(self, client: ClientDTO | None = None) -> None:
        """Show the popup, focused; ``client`` presets the client filter."""
        self._fill_clients(client.id if client else self._client_id())
        self._fill_themes()
        self.show()
        self.raise_()
        self.activateWindow()
        self.field.setFocus()
        self.field.selectAll()
        if self.field.text().strip():
            self._query_changed(now=True)

    def find_in_client(self, client: ClientDTO) -> None:
        """"Find in this client": the popup with that client already chosen."""
        self.open(client)

    def _fill_clients(self, selected: uuid.UUID | None) -> None:
        self.client_box.blockSignals(True)
        self.client_box.clear()
        self.client_box.addItem("All clients", None)
        for client in self._clients():
            self.client_box.addItem(client.code, str(client.id))  # Qt compares strings
        found = self.client_box.findData(str(selected)) if selected else 0
        self.client_box.setCurrentIndex(max(found, 0))
        self.client_box.blockSignals(False)

    def _fill_themes(self) -> None:
        selected = self.theme_box.currentData()
        self.theme_box.blockSignals(True)
        self.theme_box.clear()
        self.theme_box.addItem("All themes", None)
        for theme in sorted(self._themes(), key=lambda t: t.name.casefold()):
            self.theme_box.addItem(theme.name, str(theme.id))
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(selected))
                                       if selected else 0)
        self.theme_box.blockSignals(False)

    def _client_id(self) -> uuid.UUID | None:
        value = self.client_box.currentData()
        return uuid.UUID(value) if isinstance(value, str) else None

    def set_privacy(self, on: bool) -> None:
        """In privacy view client names are hidden, so client hits (which show the name
        and would reveal it) are left out."""
        self._privacy = on

    def filters(self) -> SearchFilters | None:
        """What the filter choosers say; None when they leave nothing to search."""
        chosen = self.kind_box.currentData()
        kinds = chosen if isinstance(chosen, frozenset) else frozenset()
        if self._privacy:
            kinds = (kinds or frozenset(KINDS)) - {"client"}
            if not kinds:
                return None
        theme = self.theme_box.currentData()
        days = self.period_box.currentData()
        return SearchFilters(
            client_id=self._client_id(), kinds=kinds,
            theme_id=uuid.UUID(theme) if isinstance(theme, str) else None,
            date_from=date.today() - timedelta(days=days) if isinstance(days, int) else None)

    # --- searching ---------------------------------------------------------------------

    def _query_changed(self, now: bool = False) -> None:
        query = self.field.text()
        self._open_when_ready = False
        if not query.strip():
            self.searcher.cancel()
            self.model.set_rows([])
            self._results = None
            self.status.setText(HINT)
            return
        filters = self.filters()
        if filters is None:
            self.searcher.cancel()
            self.model.set_rows([])
            self.status.setText(NAMES_HIDDEN)
        elif now:
            self.searcher.request_now(query, filters)
        else:
            self.searcher.request(query, filters)

    def _show_results(self, results: SearchResults) -> None:
        if results.query != self.field.text():
            return
        self._results = results
        self.model.set_rows(list(results.hits))
        if results.hits:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.status.setText(self._summary(results))
        if self._open_when_ready and results.hits:
            self._open_when_ready = False
            self.choose(results.hits[0])

    def _show_failure(self, message: str) -> None:
        self.model.set_rows([])
        self.status.setText(message)

    def _summary(self, results: SearchResults) -> str:
        if results.message:
            return results.message
        count = len(results.hits)
        if not count:
            from db.search.suggest import nothing_found

            chosen = self.filters()
            return nothing_found(results.query, chosen is not None and any(
                (chosen.client_id, chosen.theme_id, chosen.date_from)))
        if results.windowed:
            return (f"The best {count} of the most recent matches; add a word or choose a "
                    "client to narrow.")
        more = " (the best; there are more)" if results.more else ""
        return f"{count} {'match' if count == 1 else 'matches'}{more}. Enter opens."

    # --- choosing ----------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or self._results is None:
            return
        hit = self.model.hit(index.row())
        self.choose(hit)

    def choose(self, hit: SearchHit) -> None:
        terms = self._results.terms if self._results else ()
        self.hide()
        if hit.session_id is None:
            self.client_requested.emit(hit.client_id)
        else:
            self.open_requested.emit(hit.session_id, NOTE_OF_KIND[hit.kind], terms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Up/Down in the field move through the results; Enter opens the current one."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._results is not None and self._results.query == self.field.text():
                    self._activate(self.list.currentIndex())
                elif self.field.text().strip():
                    self._query_changed(now=True)
                    self._open_when_ready = True
                return True
        return super().eventFilter(watched, event)

