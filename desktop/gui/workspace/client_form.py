"""The client form: code, name, status, dates and the treatment frame."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from db.errors import ValidationError
from db.services.dto import ClientDTO, ClientInput
from desktop.gui.common.context import AppContext
from desktop.gui.common.fields import DateField, ErrorForm, FieldError, lay_out_dialog
from desktop.gui.common.form_submit import submit_form
from desktop.gui.common.labels import CLIENT_STATUS_LABELS
from desktop.gui.common.style import show_error

if TYPE_CHECKING:
    from db.services.hub import Services

log = logging.getLogger(__name__)

MODALITIES = ("Long-term psychodynamic", "Brief psychodynamic", "Fixed 16-session course",
              "Psychoanalysis", "Supportive", "Assessment")
FREQUENCIES = ("Weekly", "Twice weekly", "Three times weekly", "Fortnightly", "Monthly")


def _combo(options: tuple[str, ...], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItem("")
    combo.addItems(list(options))
    return combo


class ClientForm(QDialog):
    """New or edit client. Signals: ``saved(ClientDTO)`` after a successful save."""

    saved = Signal(object)

    def __init__(self, context: AppContext, client: ClientDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client = client
        self.setWindowTitle("Edit client" if client else "New client")
        self.setMinimumWidth(460)
        self.form = ErrorForm(self)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("A pseudonym, for example RB-07")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Shown only with the privacy view off")
        self.status = QComboBox(self)
        for key, label in CLIENT_STATUS_LABELS.items():
            self.status.addItem(label, str(key))
        self.intake = DateField("intake_date", self)
        self.closing = DateField("closing_date", self)
        self.modality = _combo(MODALITIES, self)
        self.frequency = _combo(FREQUENCIES, self)
        self.frame_start = DateField("frame_start_date", self)
        self.planned = QSpinBox(self)
        self.planned.setRange(0, 2000)
        self.planned.setSpecialValueText("Open-ended")
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(90)
        self.notes.setTabChangesFocus(True)
        for label, name, field in (
                ("&Code:", "code", self.code), ("&Name:", "display_name", self.name),
                ("&Status:", "status", self.status), ("&Intake date:", "intake_date", self.intake),
                ("Closing &date:", "closing_date", self.closing),
                ("&Modality:", "modality", self.modality),
                ("&Frequency:", "frequency", self.frequency),
                ("Frame s&tart:", "frame_start_date", self.frame_start),
                ("&Planned sessions:", "planned_sessions", self.planned),
                ("N&otes:", "notes", self.notes)):
            self.form.add(label, name, field)
        self.general_error, self.save_button = lay_out_dialog(self, self.form, self.save)
        if client is not None:
            self._fill(client)

    def _fill(self, client: ClientDTO) -> None:
        self.code.setText(client.code)
        self.name.setText(client.display_name)
        self.status.setCurrentIndex(max(0, self.status.findData(client.status)))
        self.intake.set_value(client.intake_date)
        self.closing.set_value(client.closing_date)
        self.modality.setCurrentText(client.modality)
        self.frequency.setCurrentText(client.frequency)
        self.frame_start.set_value(client.frame_start_date)
        self.planned.setValue(client.planned_sessions or 0)
        self.notes.setPlainText(client.notes)

    def _read(self) -> ClientInput:
        return ClientInput(
            code=self.code.text(), display_name=self.name.text(),
            status=str(self.status.currentData()), intake_date=self.intake.value(),
            closing_date=self.closing.value(), modality=self.modality.currentText().strip(),
            frequency=self.frequency.currentText().strip(),
            frame_start_date=self.frame_start.value(),
            planned_sessions=self.planned.value() or None,
            notes=self.notes.toPlainText().strip())

    def save(self) -> None:
        self.form.clear()
        show_error(self.general_error, "")
        try:
            data = self._read()
        except (FieldError, ValidationError) as error:
            self.form.report(error.field, str(error), self.general_error)
            return
        editing = self._client

        def save(services: Services) -> object:
            if editing is not None:
                return services.clients.update(editing.id, data)
            return services.clients.create(data)

        submit_form(self, self._context, save, self.form, self.general_error,
                    self.save_button, self.saved.emit)
