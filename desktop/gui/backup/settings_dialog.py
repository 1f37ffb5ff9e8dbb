"""File ▸ Backup settings…: the backup page in a dialog of its own, saved to the vault."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from db.errors import ThreadlineError
from db.services.settings import SettingsService, VaultSettings
from desktop.gui.backup.settings_page import BackupSettingsPage


class BackupSettingsDialog(QDialog):
    """Saving applies the settings through ``save`` (the vault's settings service)."""

    def __init__(self, settings: VaultSettings,
                 save: Callable[[dict[str, object]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backup settings")
        self._save = save
        self.page = BackupSettingsPage(self)
        self.page.load(settings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)

    def save(self) -> None:
        changes = self.page.changes()
        if changes is None:
            return
        try:
            self._save(changes)
        except ThreadlineError as error:
            self.page._show_error(str(error))
            return
        self.page.forget_secret()
        self.accept()

    def reject(self) -> None:
        self.page.forget_secret()
        super().reject()


def save_with(service: SettingsService) -> Callable[[dict[str, object]], object]:
    return lambda changes: service.update(**changes)
