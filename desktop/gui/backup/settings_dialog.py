"""File ▸ Backup settings…: the backup page in a dialog of its own, saved to the vault
through the write pipeline (the dialog closes once the settings are stored)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from db.backup import signing
from db.services.settings import VaultSettings
from desktop.gui.backup.settings_page import BackupSettingsPage
from desktop.gui.common.form_submit import SAVING
from desktop.gui.common.operations import error_sentence

if TYPE_CHECKING:
    from desktop.gui.common.context import AppContext


class BackupSettingsDialog(QDialog):
    """Saving submits the changes as one operation; a refusal shows its sentence."""

    def __init__(self, settings: VaultSettings, context: AppContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backup settings")
        self._context = context
        self.page = BackupSettingsPage(self)
        self.page.load(settings)
        self.page.key_generated.connect(self._fetch_signer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(self.buttons)

    def _fetch_signer(self, _public: str) -> None:
        """A new key pair: its identity file will name this vault's signing key (made now,
        through the pipeline, if the vault never signed a backup before)."""
        database = self._context.database
        self._context.submit(
            lambda _services: signing.key_text(signing.vault_key(database).public_key()),
            initiator=self, on_done=self.page.set_signer)

    def save(self) -> None:
        changes = self.page.changes()
        if changes is None:
            return
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        button.setEnabled(False)
        button.setText(SAVING)
        self._context.submit(lambda services: services.settings.update(**changes),
                             initiator=self, on_done=self._saved, on_error=self._refused)

    def _saved(self, _value: object) -> None:
        self.page.forget_secret()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        button.setEnabled(True)
        button.setText("Save")
        self.page._show_error(error_sentence(error))

    def reject(self) -> None:
        self.page.forget_secret()
        super().reject()
