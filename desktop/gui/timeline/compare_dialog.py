"""Compare periods…: two date ranges of one client side by side, and the difference.

Intake against now, before against after a break, or any two ranges. The figures are
those of ``threadline compare --format json`` — :func:`db.analytics.compare.compare_periods`,
:func:`db.analytics.report.compare_json`, then :func:`db.analytics.compare_rows.compare_lines`
— read in the background through the app's jobs; this dialog only lays them out.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.analytics.compare import (
    Range,
    around_longest_break,
    compare_periods,
    intake_and_now,
)
from db.analytics.compare_rows import compare_lines, period_caption
from db.analytics.dto import Timeline
from db.analytics.report import compare_json
from db.services.hub import Services
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.jobs import Failure, Jobs
from desktop.gui.common.style import error_label, muted
from desktop.gui.timeline.compare_model import CompareModel

PRESETS = ("Intake and now (first and last three months)",
           "Before and after the longest break", "Any two ranges")
FAILED = "The two periods could not be compared."
COMPARING = "Comparing…"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class CompareDialog(QDialog):
    """Signals: ``compared()`` once the table shows the latest answer (or why not)."""

    compared = Signal()

    def __init__(self, services: Services, jobs: Jobs, client_id: uuid.UUID,
                 full: Timeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._jobs = services, jobs
        self.client_id, self._full = client_id, full
        self.data: dict[str, Any] | None = None
        self.setWindowTitle(f"Compare periods — {full.client_code}")
        self.heading = QLabel(f"<b>{full.client_code}</b>: two periods side by side")
        self.preset = QComboBox()
        self.preset.addItems(PRESETS)
        self.edits = [QDateEdit() for _ in range(4)]
        first, last = (full.sessions[0].date, full.sessions[-1].date) if full.sessions else (
            date.today(), date.today())
        for edit in self.edits:
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDateRange(_qdate(first), _qdate(last))
            edit.setAccessibleName("Period date")
        grid = QGridLayout()
        grid.addWidget(QLabel("Periods"), 0, 0)
        grid.addWidget(self.preset, 0, 1, 1, 3)
        for row, name in ((1, "First period"), (2, "Second period")):
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(self.edits[2 * row - 2], row, 1)
            grid.addWidget(QLabel("to"), row, 2)
            grid.addWidget(self.edits[2 * row - 1], row, 3)
        self.compare_button = QPushButton("&Compare")
        self.compare_button.setDefault(True)
        grid.addWidget(self.compare_button, 2, 4)
        grid.setColumnStretch(5, 1)
        self.first_caption, self.second_caption = muted(), muted()
        self.rule = muted()
        self.error = error_label(self)
        self.model = CompareModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setAlternatingRowColors(True)
        # The labels whole; the two periods share what is left and wrap (a tie names two
        # themes); rows grow to hold them. Nothing is cut off with "…".
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        for label in (self.first_caption, self.second_caption, self.rule, self.error):
            layout.addWidget(label)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.compare_button.clicked.connect(self.compare)
        self._preset_chosen(0)
        self.resize(880, 640)

    def periods(self) -> tuple[Range, Range]:
        a, b, c, d = (_pydate(e.date()) for e in self.edits)
        return (a, b), (c, d)

    def set_periods(self, first: Range, second: Range) -> None:
        for edit, day in zip(self.edits, (*first, *second), strict=True):
            if day is not None:
                edit.setDate(_qdate(day))

    def _preset_chosen(self, index: int) -> None:
        if index == 0:
            self.set_periods(*intake_and_now(self._full))
        elif index == 1:
            found = around_longest_break(self._full)
            if found is not None:
                self.set_periods(*found)

    def compare(self) -> None:
        """Read both periods in the background; the table keeps its lines until then."""
        first, second = self.periods()
        service, client = self._services.analytics, self.client_id
        self.error.setText("")
        self.error.hide()
        self.rule.setText(COMPARING)

        def work() -> dict[str, Any]:
            comparison = compare_periods(service, client, first, second)
            return compare_json(comparison, comparison.first.profile.scoring)

        self._jobs.start(work, on_done=self._arrived, on_error=self._failed,
                         key=(self, "compare"), owner=self, name="comparing two periods")

    def _arrived(self, data: dict[str, Any]) -> None:
        self.data = data
        self.first_caption.setText("First: " + period_caption(data["first"]))
        self.second_caption.setText("Second: " + period_caption(data["second"]))
        self.rule.setText(f"ODF scoring: {data['odf_rule']}. All figures are indicative.")
        self.model.set_lines(compare_lines(data))
        self.compared.emit()

    def _failed(self, failure: Failure) -> None:
        self.rule.setText("")
        self.error.setText(sentence_for(failure.error, FAILED))
        self.error.show()
        self.compared.emit()

