"""New or edit session: date, time, length, kind, attendance and number."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from db.errors import ValidationError
from db.services.dto import SessionDTO, SessionInput
from desktop.gui.common.context import AppContext
from desktop.gui.common.date_field import HINT, DateField
from desktop.gui.common.fields import ErrorForm, lay_out_dialog
from desktop.gui.common.form_submit import submit_form
from desktop.gui.common.labels import ATTENDANCE_LABELS, SESSION_KIND_LABELS
from desktop.gui.common.style import show_error

if TYPE_CHECKING:
    from db.services.hub import Services


class SessionForm(QDialog):
    """Signals: ``saved(SessionDTO)`` after a successful save."""

    saved = Signal(object)

    def __init__(self, context: AppContext, client_id: uuid.UUID,
                 session: SessionDTO | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._client_id = client_id
        self._session = session
        self.setWindowTitle("Edit session" if session else "New session")
        self.setMinimumWidth(380)
        self.form = ErrorForm(self)
        self.date = DateField(self)
        self.has_time = QCheckBox("at", self)
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setEnabled(False)
        self.time.setAccessibleName("Start time")
        self.has_time.toggled.connect(self.time.setEnabled)
        self.has_time.setAccessibleName("Record a start time")
        when = QWidget(self)
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_time)
        row.addWidget(self.time)
        row.addStretch(1)
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 600)
        self.duration.setSuffix(" minutes")
        self.kind = QComboBox(self)
        for key, label in SESSION_KIND_LABELS.items():
            self.kind.addItem(label, str(key))
        self.attendance = QComboBox(self)
        for key, label in ATTENDANCE_LABELS.items():
            self.attendance.addItem(label, str(key))
        self.number = QSpinBox(self)
        self.number.setRange(1, 100_000)
        for label, name, field in (("&Date:", "date", self.date), ("Start &time:", "time", when),
                                   ("&Length:", "duration_minutes", self.duration),
                                   ("&Kind:", "kind", self.kind),
                                   ("&Attendance:", "attendance", self.attendance),
                                   ("&Number:", "number", self.number)):
            self.form.add(label, name, field)
        self.general_error, self.save_button = lay_out_dialog(self, self.form, self.save)
        self._fill()

    def _fill(self) -> None:
        session = self._session
        if session is None:
            services = self._context.services
            self.date.set_value(date.today())
            self.duration.setValue(self._context.settings.default_session_minutes)
            self.number.setValue(services.sessions.next_number(self._client_id))
            return
        self.date.set_value(session.date)
        if session.start_time is not None:
            self.has_time.setChecked(True)
            self.time.setTime(QTime(session.start_time.hour, session.start_time.minute))
        self.duration.setValue(session.duration_minutes)
        self.kind.setCurrentIndex(max(0, self.kind.findData(session.kind)))
        self.attendance.setCurrentIndex(max(0, self.attendance.findData(session.attendance)))
        self.number.setValue(session.number)

    def _read(self) -> SessionInput:
        day = self.date.value()
        if day is None:
            raise ValidationError(HINT, field="date")
        start = None
        if self.has_time.isChecked():
            t = self.time.time()
            start = time(t.hour(), t.minute())
        return SessionInput(date=day,
                            number=self.number.value(), start_time=start,
                            duration_minutes=self.duration.value(),
                            kind=str(self.kind.currentData()),
                            attendance=str(self.attendance.currentData()))

    def save(self) -> None:
        self.form.clear()
        show_error(self.general_error, "")
        try:
            data = self._read()
        except ValidationError as error:
            self.form.report(error.field, str(error), self.general_error)
            return
        editing, client_id = self._session, self._client_id

        def save(services: Services) -> object:
            if editing is not None:
                return services.sessions.update(editing.id, data)
            return services.sessions.create(client_id, data)

        submit_form(self, self._context, save, self.form, self.general_error,
                    self.save_button, self.saved.emit)
