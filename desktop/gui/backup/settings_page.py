"""The backup page of the settings: where automatic backups go and how many are kept.

Automatic backups are encrypted to an age public key, so no passphrase is typed when
they run. "Generate key pair…" makes a key pair, puts the public key in the form and
shows the private key once, in this page, until the clinician says it is stored safely;
Threadline never stores the private key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.atomic import write_atomic
from db.backup import age
from db.backup.errors import BackupError
from db.backup.signing import IDENTITY_LINE
from db.services.settings import VaultSettings
from desktop.gui.common import dialogs


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


class BackupSettingsPage(QWidget):
    """Signals: ``key_generated(public_key)`` after a new key pair was made."""

    key_generated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Backup folder")
        self.folder.setPlaceholderText("An external drive or a synced folder")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_folder)
        self.recipient = QLineEdit()
        self.recipient.setAccessibleName("Public key")
        self.recipient.setPlaceholderText("age1…")
        self.generate = QPushButton("Generate key pair…")
        self.generate.clicked.connect(self._generate)
        self.keep_daily = _spin(1, 365, " daily")
        self.keep_weekly = _spin(0, 520, " weekly")
        self.on_quit = QCheckBox("Back up when Threadline quits")
        self.interval = _spin(1, 168, " hours")
        for box, name in ((self.keep_daily, "Daily backups to keep"),
                          (self.keep_weekly, "Weekly backups to keep"),
                          (self.interval, "Hours between backups")):
            box.setAccessibleName(name)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self._public = ""
        self.signer = ""  # the vault's signing key, once the dialog has it (set_signer)
        self.secret_panel = self._secret_panel()

        form = QFormLayout()
        form.addRow("Backup folder", _row(self.folder, choose))
        form.addRow("Public key", _row(self.recipient, self.generate))
        form.addRow("Keep the last", _row(self.keep_daily, self.keep_weekly))
        form.addRow("Back up every", self.interval)
        form.addRow("", self.on_quit)
        intro = QLabel("Automatic backups are encrypted to the public key below; only the "
                       "matching private key can open them. Keep that key apart from this "
                       "computer.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.secret_panel)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _secret_panel(self) -> QFrame:
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setObjectName("privateKeyPanel")
        warning = QLabel("<b>Your private key — shown only now.</b> Save it or copy it "
                         "somewhere safe (a password manager, a printout in a drawer). "
                         "Without it, automatic backups cannot be restored.")
        warning.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setAccessibleName("Private key")
        self.secret.setReadOnly(True)
        self.secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.secret.setMinimumWidth(520)
        copy = QPushButton("Copy")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.secret.text()))
        save = QPushButton("Save to file…")
        save.clicked.connect(self._save_secret)
        self.stored = QPushButton("I have stored it safely")
        self.stored.clicked.connect(self.forget_secret)
        layout = QVBoxLayout(panel)
        layout.addWidget(warning)
        layout.addWidget(self.secret)
        buttons = _row(copy, save, self.stored)
        buttons.layout().addStretch(1)  # type: ignore[union-attr]
        layout.addWidget(buttons)
        panel.hide()
        return panel

    # --- the form -------------------------------------------------------------------------

    def load(self, settings: VaultSettings) -> None:
        self.folder.setText(settings.backup_folder)
        self.recipient.setText(settings.backup_recipient)
        self.keep_daily.setValue(settings.backup_keep_daily)
        self.keep_weekly.setValue(settings.backup_keep_weekly)
        self.on_quit.setChecked(settings.backup_on_quit)
        self.interval.setValue(settings.backup_interval_hours)

    def changes(self) -> dict[str, Any] | None:
        """The settings as typed, or ``None`` (with the problem shown) if they are wrong."""
        recipient = self.recipient.text().strip()
        try:
            if recipient:
                age.parse_recipient(recipient)
        except BackupError as error:
            self._show_error(str(error))
            return None
        if recipient and not self.folder.text().strip():
            self._show_error("Choose a folder for the automatic backups.")
            return None
        self.error.hide()
        return {
            "backup_folder": self.folder.text().strip(), "backup_recipient": recipient,
            "backup_keep_daily": self.keep_daily.value(),
            "backup_keep_weekly": self.keep_weekly.value(),
            "backup_on_quit": self.on_quit.isChecked(),
            "backup_interval_hours": self.interval.value(),
        }

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- actions --------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = dialogs.choose_folder(self, "Folder for automatic backups")
        if folder is not None:
            self.folder.setText(str(folder))

    def _generate(self) -> None:
        if self.recipient.text().strip() and not dialogs.confirm(
                self, "Replace the backup key?",
                "Backups made so far stay readable only with the old private key. "
                "Make a new key pair?", yes="Make a new key pair"):
            return
        public, private = age.generate_key_pair()
        self.recipient.setText(public)
        self.recipient.setCursorPosition(0)
        self._public = public
        self.secret.setText(private)
        self.secret.setCursorPosition(0)
        self.secret_panel.show()
        self.adjustSize()
        self.generate.setEnabled(False)
        self.key_generated.emit(public)

    def _save_secret(self) -> None:
        path = dialogs.choose_save_file(self, "Save the private key", "threadline-backup-key.txt",
                                        "Text files (*.txt)")
        if path is not None:
            signer = f"{IDENTITY_LINE}{self.signer}\n" if self.signer else ""
            text = (f"# Threadline backup key (an age identity)\n# public key: {self._public}\n"
                    f"{signer}{self.secret.text()}\n")
            write_atomic(path, text.encode("ascii"))

    def set_signer(self, key_text: str) -> None:
        """The vault's backup-signing public key: written into the saved identity file, so
        that a restore on another computer knows these backups are this vault's own."""
        self.signer = key_text

    def forget_secret(self) -> None:
        """Clear the private key from the page; it is never shown again."""
        self.secret.setText("")
        self.secret_panel.hide()
        self.generate.setEnabled(True)


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
