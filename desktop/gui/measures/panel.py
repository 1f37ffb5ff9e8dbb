"""The Measures dock: the open session's scores, with band and change since the first.

What it shows is read in a job (``desktop.gui.common.jobs``), never on the GUI thread: the
latest :meth:`MeasuresPanel.load` wins, and :attr:`MeasuresPanel.session_id` names the
session whose scores are shown, once they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.measures.dto import MeasureDef, ScoreDTO
from db.services.hub import Services
from desktop.gui.common.jobs import Jobs
from desktop.gui.measures.entry_dialog import ScoreDialog
from desktop.gui.measures.labels import change_text
from desktop.gui.measures.scale_dialog import ScaleDialog

COLUMNS = ("Measure", "Total", "Band", "Since the first")
RISK_NOTE = "PHQ-9 item 9 (thoughts of death or self-harm) was answered above “not at all”."


class MeasuresPanel(QWidget):
    def __init__(self, services: Callable[[], Services], submit: Callable[..., object],
                 jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._submit, self._jobs = services, submit, jobs
        self.session_id: uuid.UUID | None = None  # the session whose scores are shown
        self.wanted: uuid.UUID | None = None  # the session last asked for
        self.scores: list[ScoreDTO] = []
        self.measures: dict[str, MeasureDef] = {}
        self.dialog: ScoreDialog | ScaleDialog | None = None
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Measures taken")
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.enter(self.scores[row].measure))
        self.risk = QLabel(RISK_NOTE, self)
        self.risk.setWordWrap(True)
        self.risk.setStyleSheet("color: #c8553d;")
        self.risk.hide()
        self.phq9_button = QPushButton("PHQ-9…", self)
        self.phq9_button.clicked.connect(lambda: self.enter("phq9"))
        self.gad7_button = QPushButton("GAD-7…", self)
        self.gad7_button.clicked.connect(lambda: self.enter("gad7"))
        self.other_button = QPushButton("Other…", self)
        self.other_menu = QMenu(self)
        self.other_menu.aboutToShow.connect(self._fill_other)
        self.other_button.setMenu(self.other_menu)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        # Two by two: in one row they held the dock (and so the note) 356 px wide.
        buttons = QGridLayout()
        for i, button in enumerate((self.phq9_button, self.gad7_button, self.other_button,
                                    self.remove_button)):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.risk)
        layout.addLayout(buttons)
        self.load(None)

    def load(self, session_id: uuid.UUID | None) -> None:
        """Show ``session_id``'s scores (none: an empty table), read off the GUI thread."""
        self.wanted = session_id
        if session_id is None:
            self._jobs.cancel((self, "load"))
            self._show(None, self.measures, [])
            return
        services = self._services()

        def read() -> tuple[dict[str, MeasureDef], list[ScoreDTO]]:
            return ({m.key: m for m in services.measures.measures()},
                    services.measures.for_session(session_id))

        self._jobs.start(read, on_done=lambda answer: self._show(session_id, *answer),
                         key=(self, "load"), owner=self, name="reading a session's measures")

    @property
    def busy(self) -> bool:
        """A read is on its way (tests wait for it; the table shows the last answer)."""
        return self._jobs.busy((self, "load"))

    def _show(self, session_id: uuid.UUID | None, measures: dict[str, MeasureDef],
              scores: list[ScoreDTO]) -> None:
        self.session_id, self.measures, self.scores = session_id, measures, scores
        self.table.setRowCount(len(self.scores))
        for row, score in enumerate(self.scores):
            name = self.measures[score.measure].name
            cells = (name, str(score.total), score.band or "—",
                     change_text(score.change, score.rci))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.risk.setVisible(any(score.risk for score in self.scores))
        for button in (self.phq9_button, self.gad7_button, self.other_button,
                       self.remove_button):
            button.setEnabled(session_id is not None)

    def enter(self, measure: str) -> ScoreDialog | None:
        if self.session_id is None or measure not in self.measures:
            return None
        current = next((s for s in self.scores if s.measure == measure), None)
        dialog = ScoreDialog(self.measures[measure], self.session_id, self._submit, current,
                             self)
        dialog.saved.connect(lambda _score: self.load(self.wanted))
        self.dialog = dialog
        dialog.show()
        return dialog

    def new_scale(self) -> ScaleDialog:
        dialog = ScaleDialog(self._submit, self)
        dialog.saved.connect(self._scale_made)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _scale_made(self, scale: MeasureDef) -> None:
        self.measures[scale.key] = scale  # known now; the read below brings it again
        self.enter(scale.key)
        self.load(self.wanted)

    def _fill_other(self) -> None:
        self.other_menu.clear()
        for key, measure in self.measures.items():
            if key not in ("phq9", "gad7"):
                self.other_menu.addAction(measure.name).triggered.connect(
                    lambda _=False, k=key: self.enter(k))
        self.other_menu.addSeparator()
        self.other_menu.addAction("New scale…").triggered.connect(lambda _=False: self.new_scale())

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if self.session_id is None or not 0 <= row < len(self.scores):
            return
        session_id, measure = self.session_id, self.scores[row].measure
        self._submit(lambda s: s.measures.remove(session_id, measure), initiator=self,
                     on_done=lambda _: self.load(self.wanted))
