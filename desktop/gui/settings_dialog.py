"""Settings that belong to the vault: auto-lock, default session length, privacy view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.services.settings import CLINICIAN_NAME_MAX
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.fields import ErrorForm
from desktop.gui.common.form_submit import submit_form
from desktop.gui.common.style import error_label, muted
from desktop.gui.timeline.settings_group import ScoringSettingsGroup


class SettingsDialog(QDialog):
    """``prepare`` saves unsaved text before a re-encryption (False: it could not);
    ``sections`` make the extensions' parts of the dialog (``make(dialog)``)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 prepare: Callable[[], bool] | None = None,
                 clipboard: ClipboardGuard | None = None,
                 sections: Sequence[Callable[[QWidget], QWidget]] = ()) -> None:
        super().__init__(parent)
        self._context = context
        self._prepare, self._clipboard = prepare, clipboard
        self.security_dialog: QDialog | None = None
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
        self.with_screen = QCheckBox("Also lock when the screen locks or the computer "
                                     "sleeps", self)
        self.with_screen.setChecked(current.lock_with_screen)
        self.privacy = QCheckBox("Show client codes only, never names, when unlocking", self)
        self.privacy.setChecked(current.privacy_view)
        self.form = ErrorForm(self)
        self.clinician = QLineEdit(current.clinician_name, self)
        self.clinician.setMaxLength(CLINICIAN_NAME_MAX)
        self.clinician.setPlaceholderText("e.g. Dr A. Example, MSc")
        self.clinician.setToolTip("Signs every note you finalize, and the Markdown export")
        self.form.add("&Clinician name:", "clinician_name", self.clinician)
        self.form.add("&Lock after idle:", "auto_lock_minutes", self.auto_lock)
        self.form.add("", "lock_with_screen", self.with_screen)
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
        self.scoring = ScoringSettingsGroup(current, self)
        layout.addWidget(self.scoring)
        self.sections = [make(self) for make in sections]  # what extensions add
        for section in self.sections:
            layout.addWidget(section)
        layout.addWidget(self._security_box())
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Tab in reading order: the fields were made before the first one shown.
        order = [self.clinician, self.auto_lock, self.with_screen, self.session_length,
                 self.privacy, *_tab_stops(self.scoring),
                 *(stop for section in self.sections for stop in _tab_stops(section)),
                 self.change_passphrase_button, self.recovery_key_button, *buttons.buttons()]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _security_box(self) -> QGroupBox:
        box = QGroupBox("Vault security", self)
        row = QHBoxLayout(box)
        self.change_passphrase_button = QPushButton("Change &passphrase…", box)
        self.change_passphrase_button.clicked.connect(self.change_passphrase)
        self.recovery_key_button = QPushButton("Make a new &recovery key…", box)
        self.recovery_key_button.clicked.connect(self.new_recovery_key)
        row.addWidget(self.change_passphrase_button)
        row.addWidget(self.recovery_key_button)
        row.addStretch(1)
        return box

    def change_passphrase(self) -> None:
        from desktop.gui.keys.passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self._context, self,
                                        prepare=self._prepare, clipboard=self._clipboard)
        self.security_dialog = dialog
        dialog.open()

    def new_recovery_key(self) -> None:
        from desktop.gui.common import dialogs
        from desktop.gui.keys.after_unlock import make_new_recovery_key

        if not dialogs.confirm(self, "Make a new recovery key",
                               "The recovery key you stored will stop working. Make a new "
                               "one?", yes="Make a new key"):
            return

        def shown(dialog: QDialog) -> None:
            self.security_dialog = dialog

        make_new_recovery_key(self, self._context, self._clipboard,
                              shown)

    def save(self) -> None:
        self.form.clear()
        settings = replace(self._context.settings, auto_lock_minutes=self.auto_lock.value(),
                           lock_with_screen=self.with_screen.isChecked(),
                           default_session_minutes=self.session_length.value(),
                           privacy_view=self.privacy.isChecked(),
                           clinician_name=" ".join(self.clinician.text().split()),
                           **self.scoring.values())
        submit_form(self, self._context, lambda services: services.settings.save(settings),
                    self.form, self.error, self.save_button, lambda _: None)


def _tab_stops(box: QWidget) -> list[QWidget]:
    """The widgets of a group that Tab stops at, in the order they were made (which is
    the order they are laid out in)."""
    return [w for w in box.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None]
