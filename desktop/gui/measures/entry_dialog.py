"""Enter one measure for a session: the item answers (the total follows) or the total."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.measures.dto import MeasureDef, ScoreDTO
from db.measures.questionnaires import ANSWERS, QUESTION, QUESTIONNAIRES
from db.services.hub import Services

UNANSWERED = "—"


class ScoreDialog(QDialog):
    """Saves through the write pipeline; stays open with the sentence when refused.

    Signals: ``saved(ScoreDTO)`` once the score is stored.
    """

    saved = Signal(object)

    def __init__(self, measure: MeasureDef, session_id: uuid.UUID,
                 submit: Callable[..., object], current: ScoreDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{measure.name} — Threadline")
        self.measure, self._session_id, self._submit = measure, session_id, submit
        layout = QVBoxLayout(self)
        self.items: list[QComboBox] = []
        form = QFormLayout()
        if measure.items:
            layout.addWidget(QLabel(QUESTION, self))
            for number, question in enumerate(measure.items, start=1):
                combo = QComboBox(self)
                combo.addItem(UNANSWERED, None)
                for value, answer in enumerate(ANSWERS):
                    combo.addItem(f"{value} {answer}", value)
                combo.setAccessibleName(f"Item {number}")
                combo.currentIndexChanged.connect(lambda _: self._update())
                label = QLabel(f"{number}. {question}", self)
                label.setWordWrap(True)
                form.addRow(label, combo)
                self.items.append(combo)
        self.total_only = QCheckBox("Enter the total only", self)
        self.total = QSpinBox(self)
        self.total.setRange(measure.minimum, measure.maximum)
        self.total.setAccessibleName("Total")
        form.addRow(self.total_only if measure.items else QLabel("Total", self), self.total)
        layout.addLayout(form)
        self.summary = QLabel("", self)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.total_only.toggled.connect(lambda _: self._update())
        self.total.valueChanged.connect(lambda _: self._update())
        if current is not None:
            if current.items and len(current.items) == len(self.items):
                for combo, value in zip(self.items, current.items, strict=True):
                    combo.setCurrentIndex(value + 1)
            else:
                self.total_only.setChecked(True)
                self.total.setValue(current.total)
        self._update()

    def _answers(self) -> list[int | None]:
        return [combo.currentData() for combo in self.items]

    def _by_items(self) -> bool:
        return bool(self.items) and not self.total_only.isChecked()

    def _update(self) -> None:
        by_items = self._by_items()
        self.total.setEnabled(not by_items)
        for combo in self.items:
            combo.setEnabled(by_items)
        if by_items:
            answers = self._answers()
            if None in answers:
                left = answers.count(None)
                self.summary.setText(f"{left} item{'s' * (left != 1)} not answered yet.")
                return
            total = sum(a for a in answers if a is not None)
        else:
            total = self.total.value()
        questionnaire = QUESTIONNAIRES.get(self.measure.key)
        band = f" — {questionnaire.band(total)}" if questionnaire else ""
        self.summary.setText(f"Total {total}{band}")

    def save(self) -> None:
        measure, session_id = self.measure.key, self._session_id
        if self._by_items():
            answers = self._answers()
            if None in answers:
                self.problem.setText(f"{self.measure.name} needs an answer to each of its "
                                     f"{len(answers)} items, or enter the total only.")
                return
            items: list[int] | None = [a for a in answers if a is not None]
            total = None
        else:
            items, total = None, self.total.value()

        def run(services: Services) -> object:
            return services.measures.record(session_id, measure, items=items, total=total)

        self.buttons.setEnabled(False)
        self._submit(run, initiator=self, on_done=self._stored, on_error=self._refused)

    def _stored(self, score: ScoreDTO) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(score)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(str(error) or "The score was not saved.")
