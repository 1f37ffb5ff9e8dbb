"""The client timeline view: filters on top, the heat strip and defense charts on the left,
the analytics tables on the right, and exports of all of it.

The analytics are read off the GUI thread (:mod:`desktop.gui.timeline.loader`); the view
keeps what it shows, marked "Loading…", until they arrive. Panels that are not visible
(another tab, folded charts) are filled when they are shown, not on every load.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.analytics import tables
from db.analytics.choices import Choices
from db.analytics.cooccurrence import DEFAULT_PAIR
from db.analytics.dto import Caseload, Timeline
from db.analytics.report import caption
from db.analytics.scoring import SCORING_NAMES
from db.analytics.service import ClientAnalytics
from db.analytics.summary import case_summary
from db.analytics.tables import Table
from db.services.hub import Services
from desktop.gui.common import dialogs
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.jobs import Failure, Jobs
from desktop.gui.measures.chart import MeasureChart, show_client_measures
from desktop.gui.timeline.ccrt_panel import CcrtPanel
from desktop.gui.timeline.compare_dialog import CompareDialog
from desktop.gui.timeline.cooccurrence_panel import CoOccurrencePanel
from desktop.gui.timeline.defenses_chart import DefensesChart
from desktop.gui.timeline.export import (
    UNENCRYPTED_WARNING,
    csv_bytes,
    pdf_bytes,
    png_bytes,
    write_export,
)
from desktop.gui.timeline.filters import FilterBar, scrolling
from desktop.gui.timeline.heatstrip import HeatStrip
from desktop.gui.timeline.loader import Request, TimelineLoader
from desktop.gui.timeline.models import CaseloadModel, RecurrenceModel
from desktop.gui.timeline.profile_panel import ProfilePanel
from desktop.gui.timeline.scoring_bar import ScoringBar
from desktop.gui.timeline.summary_pdf import summary_pdf
from desktop.gui.timeline.table_panel import TablePanel

RECURRENCE_NOTE = ("Runs and gaps are counted in sessions. Highlighted themes came back "
                   "after at least 5 sessions without them.")
CASELOAD_NOTE = ("Themes marked with your active clients, ranked by the share of each "
                 "client's sessions that hold them (every client weighs the same).")
NOTHING_MARKED = "No themes are marked in these sessions yet."
LOADING = "Loading…"


class TimelineView(QWidget):
    """How a client's themes come and go, with the analytics beside it.

    Signals
    -------
    session_requested(session_id, theme_id)
        The clinician clicked a cell: open that session with that theme's passage.
    loaded()
        The answer to the latest :meth:`show_client` or :meth:`refresh` is shown (or the
        sentence saying why it could not be).
    choices_changed(Choices)
        Another ODF scoring or minimum n was chosen; the view already shows it, the
        vault setting is the owner's to store.
    """

    session_requested = Signal(uuid.UUID, uuid.UUID)
    loaded = Signal()
    #: The clinician chose another ODF scoring or minimum n (a Choices): store it.
    choices_changed = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._jobs = jobs if jobs is not None else Jobs(self)
        self.client_id: uuid.UUID | None = None
        self.analytics: ClientAnalytics | None = None
        self.filters = FilterBar()
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(self._export_menu())
        self.compare_button = QToolButton()
        self.compare_button.setText("Compare periods…")
        self.compare_button.setToolTip("Two date ranges of this client side by side: ODF, "
                                       "DMRS levels, CCRT, PRQ and CTQ, and the difference")
        self.compare_button.setEnabled(False)
        self.compare_button.clicked.connect(self.open_compare)
        self.compare_dialog: CompareDialog | None = None
        self.full: Timeline | None = None
        self.loading = QLabel("")
        self.loading.setStyleSheet("color: #5c6370;")
        self.loading.setMinimumWidth(self.loading.fontMetrics().horizontalAdvance(LOADING) + 8)
        self.scoring_bar = ScoringBar()
        self.filters.row.addWidget(self.scoring_bar)
        self._choices: Choices | None = None
        self.filters.row.addWidget(self.loading)
        # First in the row, so that they show even where the row has to scroll sideways.
        self.filters.row.insertWidget(0, self.compare_button)
        self.filters.row.insertWidget(1, self.export_button)
        self.strip = HeatStrip()
        self.charts = DefensesChart()
        self.charts.link_x(self.strip.getPlotItem())
        self.empty = QLabel(NOTHING_MARKED)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5c6370; padding: 12px;")
        self.chart_area = QSplitter(Qt.Orientation.Vertical)
        strip_box = QWidget()
        strip_column = QVBoxLayout(strip_box)
        strip_column.setContentsMargins(0, 0, 0, 0)
        strip_column.setSpacing(2)
        #: Whose sessions the strip and charts show (and their PNG and PDF exports).
        self.strip_caption = QLabel("")
        self.strip_caption.setWordWrap(True)
        strip_column.addWidget(self.strip_caption)
        strip_row = QHBoxLayout()
        strip_row.setSpacing(0)
        strip_row.addWidget(self.strip, 1)
        strip_row.addWidget(self.strip.rows_bar)
        strip_column.addLayout(strip_row, 1)
        self.chart_area.addWidget(strip_box)
        self.chart_area.addWidget(self.charts)
        self.measure_chart = MeasureChart()  # outcome measures, on the same session axis
        self.measure_chart.link_x(self.strip.getPlotItem())
        self.measure_chart.hide()
        self.chart_area.addWidget(self.measure_chart)
        self.chart_area.setStretchFactor(0, 3)
        self.chart_area.setStretchFactor(1, 2)
        self.ccrt = CcrtPanel()
        self.recurrence_model = RecurrenceModel()
        self.recurrence = TablePanel("Recurrence", self.recurrence_model, RECURRENCE_NOTE)
        self.co_occurrence = CoOccurrencePanel()
        self.profile = ProfilePanel()
        self.caseload_model = CaseloadModel()
        self.caseload = TablePanel("Caseload", self.caseload_model, CASELOAD_NOTE)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.recurrence, "Recurrence")
        self.tabs.addTab(self.profile, "DMRS profile")
        self.tabs.addTab(self.ccrt, "CCRT")
        self.tabs.addTab(self.co_occurrence, "Co-occurrence")
        self.tabs.addTab(self.caseload, "Caseload")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.chart_area, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        # The tables get a little more than half: beside the marks dock on a 1366-pixel
        # screen their columns then fit without cutting a word; the strip zooms.
        splitter.setStretchFactor(0, 9)
        splitter.setStretchFactor(1, 11)
        splitter.setSizes([450, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.filters))
        layout.addWidget(splitter, 1)
        self.filters.changed.connect(self.refresh)
        self.ccrt.n_changed.connect(self.refresh)
        self.scoring_bar.changed.connect(self._choose)
        self.co_occurrence.pair_changed.connect(self.refresh)
        self.strip.session_requested.connect(self.session_requested)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.chart_area.splitterMoved.connect(lambda *_: self._fill_charts())
        self.charts.installEventFilter(self)
        self.loader = TimelineLoader(services.analytics, self._jobs, self)
        self.loader.loaded.connect(self._arrived)
        self.loader.failed.connect(self._failed)
        self._caseload_loaded = False
        self._new_client = False
        self._stale: set[QWidget] = set()  # panels to fill when they are next shown
        self._computed_pair: tuple[str | uuid.UUID, str | uuid.UUID] = DEFAULT_PAIR

    def show_client(self, client_id: uuid.UUID) -> None:
        """Load a client's timeline (off the GUI thread; ``loaded`` when shown).

        An unknown client shows an explanation instead.
        """
        self.client_id = client_id
        self._caseload_loaded = False
        self._new_client = True
        self.filters.forget_client()
        self.refresh()

    def refresh(self) -> None:
        """Recompute every panel for the current choices (one read of the vault, in the
        background); what is shown stays until the answer arrives."""
        if self.client_id is None:
            return
        first, second = self.co_occurrence.pair()
        self.loading.setText(LOADING)
        self.loader.request(Request(self.client_id, self.filters.current(),
                                    self.filters.row_order(), self.ccrt.n.value(),
                                    (first or DEFAULT_PAIR[0], second or DEFAULT_PAIR[1]),
                                    self._choices, self.co_occurrence.lag()))

    def use_vault_choices(self) -> None:
        """Score as the vault's settings say from the next load on (they were changed
        elsewhere, in Settings), dropping the bar's own choice."""
        self._choices = None

    def _choose(self, choices: Choices) -> None:
        self._choices = choices
        self.choices_changed.emit(choices)
        self.refresh()

    def _arrived(self, full: Timeline, analytics: ClientAnalytics, request: Request) -> None:
        if request.client_id != self.client_id:
            return  # asked for a client the view has left since
        self.loading.setText("")
        self._computed_pair = request.pair
        if self._new_client:
            self._new_client = False
            self.filters.set_timeline(full)  # offers the new client's categories and themes
        self.analytics = analytics
        self.full = full
        self.compare_button.setEnabled(bool(full.sessions))
        self.scoring_bar.show_choices(analytics.choices)
        self.empty.setText(NOTHING_MARKED)
        self.empty.setVisible(not analytics.grid.rows)
        self.strip.set_mode(self.filters.axis_mode())
        self.strip.set_timeline(analytics.grid)
        show_client_measures(self.measure_chart, self._services, analytics.grid,
                             self.strip.scale_x, self._jobs)
        self._stale = {self.charts, self.recurrence, self.ccrt, self.co_occurrence,
                       self.profile}
        who = caption(analytics.scope)
        for panel in (self.recurrence, self.ccrt, self.co_occurrence, self.profile):
            panel.caption.setText(who)
        self.strip_caption.setText(who)
        self._fill_charts()
        self._tab_changed(self.tabs.currentIndex())
        self.loaded.emit()

    def _failed(self, message: str, request: Request) -> None:
        if request.client_id != self.client_id:
            return
        self.loading.setText("")
        self.client_id = None
        self.analytics = None
        self.full = None
        self.compare_button.setEnabled(False)
        self.empty.setText(message)
        self.empty.show()
        self.loaded.emit()

    def _fill_charts(self) -> None:
        """Draw the defense charts if they are stale and can be seen."""
        if (self.charts in self._stale and self.analytics is not None
                and self.charts.isVisible() and self.charts.height() > 0):
            self._stale.discard(self.charts)
            analytics = self.analytics
            self.charts.set_points(analytics.defenses, self.strip.scale_x)
            self.charts.set_overall(analytics.overall_odf, analytics.overall_defenses,
                                    SCORING_NAMES[analytics.choices.scoring],
                                    caption(analytics.scope))

    def _fill_co_occurrence(self, analytics: ClientAnalytics) -> None:
        groups = analytics.scope.groups
        self.co_occurrence.set_groups(groups)
        self.co_occurrence.set_matrix(analytics.co_occurrence)

        def category(wanted: str | uuid.UUID) -> uuid.UUID | None:
            if isinstance(wanted, uuid.UUID):
                return wanted
            return next((g.category_id for g in groups if g.key == wanted), None)

        computed = tuple(category(p) for p in self._computed_pair)
        if self.co_occurrence.pair() != computed:
            self.refresh()  # the client lacks the pair asked for: compute the one offered

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.charts and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._fill_charts()
        return super().eventFilter(watched, event)

    def _tab_changed(self, index: int) -> None:
        """Fill the panel of the tab now shown, if its figures are newer than it."""
        panel = self.tabs.widget(index)
        analytics = self.analytics
        if panel in self._stale and analytics is not None:
            self._stale.discard(panel)
            if panel is self.recurrence:
                self.recurrence_model.set_rows(analytics.recurrence)
            elif panel is self.ccrt:
                self.ccrt.set_summary(analytics.ccrt)
            elif panel is self.co_occurrence:
                self._fill_co_occurrence(analytics)
            elif panel is self.profile and analytics.profile is not None:
                self.profile.set_profile(analytics.profile)
        # The caseload spans every client: read it only when someone looks at it, and in
        # the background (a large caseload takes longer than a frame).
        if panel is self.caseload and not self._caseload_loaded:
            self._caseload_loaded = True
            self.caseload.note.setText(LOADING)
            self._jobs.start(self._services.analytics.caseload,
                             on_done=self._caseload_arrived, on_error=self._caseload_failed,
                             key=(self, "caseload"), owner=self,
                             name="reading the caseload")

    def _caseload_arrived(self, caseload: Caseload) -> None:
        self.caseload.note.setText(CASELOAD_NOTE)
        self.caseload_model.set_rows(caseload.rows)

    def _caseload_failed(self, failure: Failure) -> None:
        self._caseload_loaded = False  # try again when the tab is next opened
        self.caseload.note.setText(sentence_for(failure.error,
                                                "The caseload could not be read."))

    def open_compare(self) -> None:
        """Compare periods…: two date ranges of the client on screen, side by side."""
        if self.client_id is None or self.full is None:
            return
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        self.compare_dialog = CompareDialog(self._services, self._jobs, self.client_id,
                                            self.full, self)
        self.compare_dialog.open()
        self.compare_dialog.compare()

    # --- export --------------------------------------------------------------------------

    def _export_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Timeline and charts as PNG…", partial(self.export_image, "png"))
        menu.addAction("Timeline and charts as PDF…", partial(self.export_image, "pdf"))
        menu.addAction("One-page case summary as PDF…", self.export_summary)
        menu.addSeparator()
        for label, name, build in self._csv_tables():
            menu.addAction(f"{label} as CSV…", partial(self.export_table, name, build))
        menu.addAction("Caseload as CSV…", self.export_caseload)
        return menu

    def _csv_tables(self) -> list[tuple[str, str, Callable[[ClientAnalytics], Table]]]:
        return [
            ("Grid", "timeline-grid",
             lambda a: tables.grid_table(a.grid, a.defenses, a.choices.scoring)),
            ("ODF per session", "timeline-odf",
             lambda a: tables.defenses_table(a.defenses, a.choices.scoring)),
            ("Recurrence", "timeline-recurrence",
             lambda a: tables.recurrence_table(a.recurrence)),
            ("CCRT", "timeline-ccrt", lambda a: tables.ccrt_table(a.ccrt)),
            ("Co-occurrence", "timeline-cooccurrence",
             lambda a: tables.co_occurrence_table(a.co_occurrence)),
        ]

    def export_image(self, kind: str) -> None:
        """PNG or PDF of the heat strip and charts, to a file the clinician chooses."""
        if self.analytics is None:
            return
        filters = "PNG image (*.png)" if kind == "png" else "PDF document (*.pdf)"
        data = (png_bytes if kind == "png" else pdf_bytes)(self.chart_area)
        self._save(f"timeline.{kind}", filters, data)

    def export_summary(self) -> None:
        """The one-page case summary of the sessions in view (same figures as the panels)."""
        if self.analytics is None or self.client_id is None:
            return
        data = case_summary(self.analytics, self._services.clients.get(self.client_id))
        self._save("case-summary.pdf", "PDF document (*.pdf)", summary_pdf(data))

    def export_table(self, name: str, build: Callable[[ClientAnalytics], Table]) -> None:
        if self.analytics is None:
            return
        self._save(f"{name}.csv", "CSV table (*.csv)", csv_bytes(build(self.analytics)))

    def export_caseload(self) -> None:
        table = tables.caseload_table(self._services.analytics.caseload())
        self._save("caseload.csv", "CSV table (*.csv)", csv_bytes(table))

    def _save(self, suggested: str, filters: str, data: bytes) -> None:
        # Suggested names never hold a client's code or name: file names leak.
        path = dialogs.choose_save_file(self, "Export", suggested, filters)
        if path is None or not dialogs.confirm(self, "Export without encryption",
                                               UNENCRYPTED_WARNING, yes="Save unencrypted"):
            return
        try:
            write_export(path, data)
        except OSError as error:
            dialogs.warning(self, "Export", f"The file could not be written: "
                            f"{error.strerror or 'the folder cannot be used'}.")
