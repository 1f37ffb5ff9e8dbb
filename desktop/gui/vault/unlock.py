"""The unlock screen: passphrase or recovery key, with key derivation off the GUI thread.

The same widget is the start screen of an existing vault and the lock screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from db.errors import VaultOlderThanSeen
from desktop.gui.common import dialogs
from desktop.gui.common.busy import BusyIndicator
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.secret_field import wipe
from desktop.gui.common.style import (
    MARGIN,
    SPACING,
    app_icon_label,
    error_label,
    heading,
    muted,
    place_centred,
    show_error,
)

if TYPE_CHECKING:
    from db.vault.vault import Vault
from desktop.gui.common.jobs import Failure, Jobs

#: What the unlock screen says and how its field behaves, by mode (recovery key or not):
#: explanation, the field's name, whether it hides what is typed, the button that switches.
_MODES = {
    False: ("Your notes are encrypted. Type your passphrase to open them.", "Passphrase",
            True, "Forgot it? Use the &recovery key"),
    True: ("Type the recovery key you stored when the vault was created; the dashes are "
           "optional.", "Recovery key", False,
           "Use the &passphrase instead"),
}


class UnlockView(QWidget):
    """Signals: ``unlocking()`` when the key derivation starts; ``unlocked()`` once the
    vault is open."""

    unlocking = Signal()
    unlocked = Signal()

    def __init__(self, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault: Vault | None = None
        self._jobs = jobs
        self._recovery = False
        box = QWidget(self)
        box.setFixedWidth(460)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(app_icon_label(box))
        self.title = heading("Unlock your vault", 1.8, box)
        layout.addWidget(self.title)
        self.explanation = muted("", box)
        layout.addWidget(self.explanation)
        self.secret = QLineEdit(box)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self.unlock)
        layout.addWidget(self.secret)
        self.error = error_label(box)
        layout.addWidget(self.error)
        self.busy = BusyIndicator("Deriving key…", box)
        layout.addWidget(self.busy)
        row = QHBoxLayout()
        self.mode_button = QPushButton(box)
        self.mode_button.setFlat(True)
        self.mode_button.clicked.connect(lambda: self.set_recovery_mode(not self._recovery))
        row.addWidget(self.mode_button)
        row.addStretch(1)
        self.unlock_button = QPushButton("&Unlock", box)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.secret.textChanged.connect(lambda _: show_error(self.error, ""))
        place_centred(self, box)
        self.set_recovery_mode(False)

    def set_vault(self, vault: Vault, *, locked: bool = False) -> None:
        self._vault = vault
        self.title.setText("Threadline is locked" if locked else "Unlock your vault")
        self.set_recovery_mode(False)
        wipe(self.secret)
        show_error(self.error, "")
        self.secret.setFocus()

    def set_recovery_mode(self, recovery: bool) -> None:
        self._recovery = recovery
        wipe(self.secret)
        explanation, name, hidden, switch = _MODES[recovery]
        self.explanation.setText(explanation)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password if hidden
                                else QLineEdit.EchoMode.Normal)
        self.secret.setAccessibleName(name)
        self.secret.setPlaceholderText(name)
        self.mode_button.setText(switch)
        self.secret.setFocus()

    @property
    def busy_now(self) -> bool:
        return self._jobs.busy(self)

    def unlock(self) -> None:
        self._start(accept_older=False)

    def _start(self, accept_older: bool) -> None:
        if self._vault is None or self.busy_now:
            return
        secret = self.secret.text()
        if not secret:
            show_error(self.error, "Type your recovery key." if self._recovery
                       else "Type your passphrase.")
            return
        vault, recovery = self._vault, self._recovery
        self._set_working(True)
        # Every page is checked right after, in the background (see integrity.py).
        work = ((lambda: vault.unlock_with_recovery_key(secret, verify="later",
                                                        accept_older=accept_older))
                if recovery else
                (lambda: vault.unlock(secret, verify="later", accept_older=accept_older)))
        self._jobs.start(work, on_done=self._done, on_error=self._failed, key=self,
                         name="unlocking")
        self.unlocking.emit()

    def _set_working(self, working: bool) -> None:
        self.secret.setEnabled(not working)
        self.unlock_button.setEnabled(not working)
        self.mode_button.setEnabled(not working)
        if working:
            self.busy.start("Deriving key…")
        else:
            self.busy.stop()

    def _done(self, _: object) -> None:
        self._set_working(False)
        wipe(self.secret)
        self.unlocked.emit()

    def _failed(self, failure: Failure) -> None:
        self._set_working(False)
        error = failure.error
        if isinstance(error, VaultOlderThanSeen) and dialogs.confirm(
                self, "An older copy of the vault", str(error), yes="Open this copy",
                no="Cancel", destructive=True):
            self._start(accept_older=True)  # restored on purpose: this device accepts it
            return
        show_error(self.error, sentence_for(error, "The vault could not be opened."))
        self.secret.selectAll()
        self.secret.setFocus()
