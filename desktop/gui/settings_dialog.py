"""Settings that belong to the vault: auto-lock, default session length, privacy view."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.context import AppContext
from desktop.gui.fields import ErrorForm
from desktop.gui.form_submit import submit_form
from desktop.gui.style import error_label, muted


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Settings")
        self.setMinimumWidth(440)
        current = context.settings
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setValue(current.auto_lock_minutes)
        self.session_length = QSpinBox(self)
        self.session_length.setRange(5, 600)
        self.session_length.setSuffix(" minutes")
        self.session_length.setValue(current.default_session_minutes)
        self.privacy = QCheckBox("Show client codes only, never names, when unlocking", self)
        self.privacy.setChecked(current.privacy_view)
        self.form = ErrorForm(self)
        self.form.add("&Lock after idle:", "auto_lock_minutes", self.auto_lock)
        self.form.add("Default session &length:", "default_session_minutes",
                      self.session_length)
        self.form.add("&Privacy view:", "privacy_view", self.privacy)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(muted("These settings are stored inside the encrypted vault.", self))
        layout.addLayout(self.form.layout)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.form.clear()
        settings = replace(self._context.settings, auto_lock_minutes=self.auto_lock.value(),
                           default_session_minutes=self.session_length.value(),
                           privacy_view=self.privacy.isChecked())
        submit_form(self, self._context, lambda services: services.settings.save(settings),
                    self.form, self.error, self.save_button, lambda _: None)
