"""Co-occurrence of two categories' themes in the same sessions (default PRQ × CTQ)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from db.analytics.cooccurrence import DEFAULT_PAIR
from db.analytics.dto import CategoryGroup, CoOccurrence
from desktop.gui.timeline.models import CoOccurrenceModel
from desktop.gui.timeline.table_panel import TablePanel

NOTE = ("Counted over sessions in which both categories have a theme marked; in "
        "brackets what chance alone would give.")
NOTE_LAG = ("Row theme in one session, column theme in the next; in brackets what chance "
            "alone would give.")


class CoOccurrencePanel(TablePanel):
    """Signals: ``pair_changed()`` when another pair of categories is chosen."""

    pair_changed = Signal()
    number_padding = 10  # a column per theme: keep them narrow enough to fit

    def __init__(self, parent: QWidget | None = None) -> None:
        self.matrix_model = CoOccurrenceModel()
        super().__init__("Co-occurrence", self.matrix_model, NOTE, parent)
        self.first = QComboBox()
        self.second = QComboBox()
        self.controls.addWidget(self.first)
        self.controls.addWidget(QLabel("×"))
        self.controls.addWidget(self.second)
        self.next_session = QCheckBox("in the next session")
        self.next_session.setToolTip("Pair a row theme with a column theme of the session "
                                     "after it (a lag of one session).")
        self.controls.addWidget(self.next_session)
        self.next_session.toggled.connect(self.pair_changed)
        self.first.currentIndexChanged.connect(self.pair_changed)
        self.second.currentIndexChanged.connect(self.pair_changed)

    def set_groups(self, groups: tuple[CategoryGroup, ...]) -> None:
        """Offer the client's categories, keeping the current pair (else PRQ × CTQ)."""
        keep = self.pair()
        for combo, default in zip((self.first, self.second), DEFAULT_PAIR, strict=True):
            combo.blockSignals(True)
            combo.clear()
            for group in groups:
                combo.addItem(group.name, group.category_id)
            wanted = keep[0] if combo is self.first else keep[1]
            index = combo.findData(wanted) if wanted else -1
            if index < 0:
                index = next((i for i, g in enumerate(groups) if g.key == default), 0)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def pair(self) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        return self.first.currentData(), self.second.currentData()

    def lag(self) -> int:
        return 1 if self.next_session.isChecked() else 0

    def set_matrix(self, matrix: CoOccurrence) -> None:
        self.matrix_model.set_matrix(matrix)
        if matrix.lag:
            self.note.setText(f"{NOTE_LAG} Pairs of sessions: {matrix.sessions}.")
        else:
            self.note.setText(f"{NOTE} Sessions with both: {matrix.sessions}.")
