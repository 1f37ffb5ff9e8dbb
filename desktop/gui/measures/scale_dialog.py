"""A simple scale of the clinician's own: a name, a range and which way is better."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from db.measures.dto import MeasureDef
from db.measures.service import MAX_SCALE_VALUE
from db.services.hub import Services


class ScaleDialog(QDialog):
    """Signals: ``saved(MeasureDef)`` once the scale is stored."""

    saved = Signal(object)

    def __init__(self, submit: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New scale — Threadline")
        self._submit = submit
        self.name = QLineEdit(self)
        self.minimum = QSpinBox(self)
        self.maximum = QSpinBox(self)
        for box in (self.minimum, self.maximum):
            box.setRange(0, MAX_SCALE_VALUE)
        self.maximum.setValue(10)
        self.direction = QComboBox(self)
        self.direction.addItem("Higher is worse", True)
        self.direction.addItem("Higher is better", False)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Lowest", self.minimum)
        form.addRow("&Highest", self.maximum)
        form.addRow("&Direction", self.direction)
        form.addRow(self.problem)
        form.addRow(self.buttons)

    def save(self) -> None:
        name, low, high = self.name.text(), self.minimum.value(), self.maximum.value()
        worse = bool(self.direction.currentData())

        def run(services: Services) -> object:
            return services.measures.add_scale(name, low, high, worse)

        self.buttons.setEnabled(False)
        self._submit(run, initiator=self, on_done=self._stored, on_error=self._refused)

    def _stored(self, scale: MeasureDef) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(scale)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(str(error) or "The scale was not saved.")
