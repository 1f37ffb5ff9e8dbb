"""Settings ▸ Timeline scoring: how ODF counts defenses, and the minimum n of a point.

Both are vault settings (``odf_scoring``, ``odf_min_defenses``), the same ones the
timeline's ODF bar changes; every export names the scoring used.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.analytics.scoring import SCORING_NAMES
from db.services.settings import VaultSettings
from db.vocabulary import OdfScoring
from desktop.gui.common.style import muted

#: One line each, under its choice.
EXPLANATIONS: dict[str, str] = {
    OdfScoring.PRESENCE: "Each defense marked in a session counts once, however often or "
                         "strongly: suits selective tagging (the default).",
    OdfScoring.OCCURRENCES: "Every session mark and passage mark counts: the transcript "
                            "DMRS rule, for notes coded exhaustively.",
    OdfScoring.INTENSITY: "Each defense weighs its intensity 1–3 in the session: closest "
                          "to the DMRS-Q and DMRS-SR-30, not either.",
}
MINIMUM_EXPLANATION = ("ODF points resting on fewer defenses are drawn greyed; nothing is "
                       "hidden.")


class ScoringSettingsGroup(QGroupBox):
    def __init__(self, current: VaultSettings, parent: QWidget | None = None) -> None:
        super().__init__("Timeline: defensive functioning (ODF)", parent)
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.explanations: dict[str, QLabel] = {}
        for value in OdfScoring:
            button = QRadioButton(SCORING_NAMES[value].capitalize(), self)
            button.setChecked(current.odf_scoring == value.value)
            self.choices.addButton(button)
            self.buttons[value.value] = button
            explanation = muted(EXPLANATIONS[value], self)
            explanation.setContentsMargins(22, 0, 0, 4)
            self.explanations[value.value] = explanation
            layout.addWidget(button)
            layout.addWidget(explanation)
        row = QHBoxLayout()
        row.addWidget(QLabel("Minimum defenses behind a point:", self))
        self.minimum = QSpinBox(self)
        self.minimum.setRange(1, 30)
        self.minimum.setValue(current.odf_min_defenses)
        self.minimum.setAccessibleName("Minimum defenses behind a point")
        row.addWidget(self.minimum)
        row.addStretch(1)
        layout.addLayout(row)
        self.minimum_explanation = muted(MINIMUM_EXPLANATION, self)
        layout.addWidget(self.minimum_explanation)

    def values(self) -> dict[str, Any]:
        """The two settings as chosen, for ``dataclasses.replace`` of the settings."""
        scoring = next(v for v, b in self.buttons.items() if b.isChecked())
        return {"odf_scoring": scoring, "odf_min_defenses": self.minimum.value()}
