"""Change passphrase…: a new passphrase and, by default, a new data key.

Re-encrypting (``Vault.rekey``) runs off the GUI thread with progress; it closes every
connection meanwhile, so unsaved text is saved first (``prepare``) and the dialog cannot
be closed until it is done. It ends by showing the new recovery key once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.jobs import Failure
from desktop.gui.common.style import error_label, muted, show_error
from desktop.gui.keys.recovery_key_dialog import RecoveryKeyDialog
from desktop.gui.vault.passphrase_form import PassphraseForm

log = logging.getLogger(__name__)

REKEY_LABEL = "Also re-encrypt the database with a new key (recommended)"


class _Progress(QObject):
    """Carries the copy's progress from the worker to the GUI thread (queued)."""

    changed = Signal(float)


class ChangePassphraseDialog(QDialog):
    """``after_recovery``: the vault was opened with the recovery key, so the current
    passphrase is not asked for. Signals: ``recovery_key_made(str)`` after a rekey."""

    recovery_key_made = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 after_recovery: bool = False, prepare: Callable[[], bool] | None = None,
                 clipboard: ClipboardGuard | None = None) -> None:
        super().__init__(parent)
        self._context, self._after_recovery, self._prepare = context, after_recovery, prepare
        self._clipboard = clipboard
        self.key_dialog: RecoveryKeyDialog | None = None
        self.setWindowTitle("Choose a new passphrase" if after_recovery else "Change passphrase")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(
            "You opened the vault with the recovery key. Choose a new passphrase now."
            if after_recovery else
            "Type your current passphrase, then the new one twice.", self))
        self.current = QLineEdit(self)
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName("Current passphrase")
        self.current.setPlaceholderText("Current passphrase")
        self.current.setVisible(not after_recovery)
        layout.addWidget(self.current)
        self.form = PassphraseForm(self)
        layout.addWidget(self.form)
        self.rekey = QCheckBox(REKEY_LABEL, self)
        self.rekey.setChecked(True)
        self.rekey.setToolTip("Old copies of the key file and the old passphrase will open "
                              "nothing written after; you also get a new recovery key.")
        layout.addWidget(self.rekey)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Re-encryption progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Change passphrase")
        self.change_button = ok
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._signals = _Progress(self)
        self._signals.changed.connect(lambda f: self.progress.setValue(int(f * 100)))
        self.form.edited.connect(lambda: show_error(self.error, ""))
        self.current.textChanged.connect(lambda _: show_error(self.error, ""))

    @property
    def working(self) -> bool:
        return self._context.jobs.busy(self)

    def change(self) -> None:
        if self.working:
            return
        vault = self._context.vault
        current, new = self.current.text(), self.form.passphrase()
        problem = self.form.problem()
        if not self._after_recovery and not current:
            problem = "Type your current passphrase."
        if problem or vault is None:
            show_error(self.error, problem)
            return
        rekey = self.rekey.isChecked()
        if rekey and self._prepare is not None and not self._prepare():
            show_error(self.error, "The latest text of the open note could not be saved, so "
                                   "nothing was changed; try again in a moment.")
            return
        report = self._signals.changed.emit
        after_recovery = self._after_recovery

        def work() -> str | None:
            if not after_recovery:  # WrongPassphrase before anything changes
                vault.keyfile.open_with_passphrase(current)[:] = bytes(32)
            if rekey:
                return vault.rekey(new, report)
            vault.set_passphrase(new)
            return None

        self._set_working(True, rekey)
        self._context.jobs.start(work, on_done=self._done, on_error=self._failed, key=self,
                                 name="changing the passphrase")

    def _set_working(self, working: bool, rekey: bool = False) -> None:
        for widget in (self.current, self.form, self.rekey, self.buttons):
            widget.setEnabled(not working)
        self.progress.setVisible(working and rekey)
        self.progress.setValue(0)

    def _done(self, recovery_key: object) -> None:
        self._set_working(False)
        self.current.clear()
        self.form.clear()
        self.accept()
        if isinstance(recovery_key, str):
            self.recovery_key_made.emit(recovery_key)
            self.key_dialog = RecoveryKeyDialog(recovery_key, self.parentWidget(),
                                                clipboard=self._clipboard)
            self.key_dialog.open()

    def _failed(self, failure: Failure) -> None:
        self._set_working(False)
        show_error(self.error, sentence_for(
            failure.error, "The passphrase could not be changed; nothing was changed."))

    def reject(self) -> None:
        if not self.working:
            super().reject()
