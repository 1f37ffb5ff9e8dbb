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
    OdfScoring.PRESENCE: "Each defense counts once per session; suits selective tagging.",
    OdfScoring.OCCURRENCES: "Every session and passage mark counts: the transcript DMRS rule.",
    OdfScoring.INTENSITY: "Each defense weighs its intensity 1–3; closest to the DMRS-Q.",
}
MINIMUM_EXPLANATION = "Points on fewer defenses are drawn greyed; nothing is hidden."


def first_upper(text: str) -> str:
    """"occurrences (transcript DMRS)" → "Occurrences (transcript DMRS)" (``capitalize``
    would lower the rest)."""
    return text[:1].upper() + text[1:]


class ScoringSettingsGroup(QGroupBox):
    def __init__(self, current: VaultSettings, parent: QWidget | None = None) -> None:
        super().__init__("Timeline: defensive functioning (ODF)", parent)
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.explanations: dict[str, QLabel] = {}
        for value in OdfScoring:
            button = QRadioButton(first_upper(SCORING_NAMES[value]), self)
            button.setChecked(current.odf_scoring == value.value)
            self.choices.addButton(button)
            self.buttons[value.value] = button
            explanation = muted(EXPLANATIONS[value], self, wrap=False)
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
        self.minimum_explanation = muted(MINIMUM_EXPLANATION, self, wrap=False)
        layout.addWidget(self.minimum_explanation)

    def values(self) -> dict[str, Any]:
        """The two settings as chosen, for ``dataclasses.replace`` of the settings."""
        scoring = next(v for v, b in self.buttons.items() if b.isChecked())
        return {"odf_scoring": scoring, "odf_min_defenses": self.minimum.value()}
