"""How ODF is scored and how many defenses a point needs: two controls beside the filters.

Both are vault settings (``odf_scoring``, ``odf_min_defenses``); the view stores a change
through the write pipeline and reloads with it at once.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from db.analytics.choices import Choices
from db.analytics.scoring import SCORING_NAMES, SCORING_RULES
from db.vocabulary import OdfScoring


class ScoringBar(QWidget):
    """Signals: ``changed(Choices)`` when the clinician picks another scoring or minimum."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("ODF:"))
        self.scoring = QComboBox()
        for value in OdfScoring:
            name = SCORING_NAMES[value]
            self.scoring.addItem(name[:1].upper() + name[1:], value.value)
            self.scoring.setItemData(self.scoring.count() - 1, SCORING_RULES[value],
                                     role=3)  # Qt.ToolTipRole
        row.addWidget(self.scoring)
        row.addWidget(QLabel("min. defenses"))
        self.minimum = QSpinBox()
        self.minimum.setRange(1, 30)
        self.minimum.setToolTip("ODF points resting on fewer defenses are shown greyed.")
        row.addWidget(self.minimum)
        self.scoring.currentIndexChanged.connect(self._emit)
        self.minimum.valueChanged.connect(self._emit)

    def choices(self) -> Choices:
        return Choices(OdfScoring(self.scoring.currentData()), self.minimum.value())

    def show_choices(self, choices: Choices) -> None:
        """Show what a load used, without announcing a change."""
        for widget in (self.scoring, self.minimum):
            widget.blockSignals(True)
        self.scoring.setCurrentIndex(self.scoring.findData(choices.scoring.value))
        self.minimum.setValue(choices.min_defenses)
        for widget in (self.scoring, self.minimum):
            widget.blockSignals(False)

    def _emit(self) -> None:
        self.changed.emit(self.choices())
