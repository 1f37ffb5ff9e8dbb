"""Join: make this computer's vault from another computer's, and sync with it.

Offered on the welcome screen and by File ▸ Sync… while this computer has no vault. The
clinician gives a pairing file (made on the first computer, with the one-time passphrase
it showed) or the latest backup (with its passphrase), the folder the two computers share
and a passphrase for the new vault; the work runs in a job (``db.sync.joining``) and
``joined(Joined)`` hands the unlocked vault and its recovery key to the welcome, which
shows the key once, as for a new vault.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import ThreadlineError
from desktop.gui.common import dialogs
from desktop.gui.common.busy import BusyIndicator
from desktop.gui.common.context import AppContext
from desktop.gui.common.jobs import Failure
from desktop.gui.common.style import error_label, muted, show_error
from desktop.gui.vault.passphrase_form import PassphraseForm


def _picker(parent: QWidget, edit: QLineEdit, choose: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(choose)
    return row


class JoinDialog(QDialog):
    """Signals: ``joined(db.sync.joining.Joined)`` once the vault exists here."""

    joined = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join a vault from another computer")
        self.setMinimumWidth(520)
        self._context = context
        self.by_pairing = QRadioButton("A &pairing file made on the other computer", self)
        self.by_backup = QRadioButton("The latest &backup of the vault", self)
        self.by_pairing.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.by_pairing)
        kinds.addButton(self.by_backup)
        self.file = QLineEdit(self)
        self.choose_file = QPushButton("Choose…", self)
        self.choose_file.clicked.connect(self._choose_file)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("The file's passphrase")
        self.folder = QLineEdit(self)
        self.choose_folder = QPushButton("Choose…", self)
        self.choose_folder.clicked.connect(self._choose_folder)
        self.device_name = QLineEdit(platform.node() or "This computer", self)
        self.form = PassphraseForm(self)
        self.error = error_label(self)
        self.busy = BusyIndicator("Joining…", self)
        self.join_button = QPushButton("&Join", self)
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self.join)
        cancel = QPushButton("Cancel", self)
        cancel.clicked.connect(self.reject)
        fields = QFormLayout()
        fields.addRow("&File:", _picker(self, self.file, self.choose_file))
        fields.addRow("Its pass&phrase:", self.secret)
        fields.addRow("Sync &folder:", _picker(self, self.folder, self.choose_folder))
        fields.addRow("This computer's &name:", self.device_name)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.join_button)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(
            "This computer gets a vault of its own, kept in step with the other through a "
            "folder both can reach (Syncthing, Nextcloud, a USB stick). Start from:", self))
        layout.addWidget(self.by_pairing)
        layout.addWidget(self.by_backup)
        layout.addLayout(fields)
        layout.addWidget(muted("A passphrase for the vault on this computer:", self))
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)

    def _choose_file(self) -> None:
        title = "Pairing file" if self.by_pairing.isChecked() else "Backup"
        chosen = dialogs.choose_open_file(self, title, "Age files (*.age);;All files (*)")
        if chosen is not None:
            self.file.setText(str(chosen))

    def _choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, "Sync folder")
        if chosen is not None:
            self.folder.setText(str(chosen))

    def problem(self) -> str:
        if not self.file.text().strip():
            return ("Choose the pairing file." if self.by_pairing.isChecked()
                    else "Choose the backup.")
        if not self.secret.text():
            return "Type the file's passphrase."
        if not self.folder.text().strip():
            return "Choose the folder the two computers share."
        return self.form.problem()

    def join(self) -> None:
        if self._context.jobs.busy(self):
            return
        problem = self.problem()
        if problem:
            show_error(self.error, problem)
            return
        from db.sync import joining

        context = self._context
        source, secret = Path(self.file.text().strip()), self.secret.text()
        target, name = Path(self.folder.text().strip()), self.device_name.text()
        passphrase, params = self.form.passphrase(), context.kdf_params
        way = joining.with_pairing if self.by_pairing.isChecked() else joining.with_backup
        show_error(self.error, "")
        self.join_button.setEnabled(False)
        self.busy.start("Joining…")
        context.jobs.start(lambda: way(context.folder, passphrase, target, name, source,
                                       secret, params),
                           on_done=self._joined, on_error=self._failed, key=self,
                           name="joining a sync group")

    def _joined(self, result: object) -> None:
        self.busy.stop()
        self.form.clear()
        self.secret.clear()
        self.joined.emit(result)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.busy.stop()
        self.join_button.setEnabled(True)
        if isinstance(failure.error, ThreadlineError):
            show_error(self.error, failure.message)
        else:
            show_error(self.error, "Joining did not work here; check that the files and "
                                   "the folder can be read and this folder is writable.")
