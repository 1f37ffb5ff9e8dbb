"""The questions the timeline asks the clinician: where to export, and "not encrypted".

All modal questions go through one object so tests can preset the answers. When the
workspace's shared dialog module (``desktop/gui/dialogs.py``) lands, this class becomes a
thin adapter over it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

UNENCRYPTED_WARNING = (
    "The exported file is not encrypted: anyone who can open it can read what it shows. "
    "Save it only where you keep other confidential records."
)


class ExportPrompts:
    """Real dialogs; a test passes a subclass with preset answers."""

    def choose_path(self, parent: QWidget, title: str, suggested: str, filters: str
                    ) -> Path | None:
        """The file the clinician chose, or None if they cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def confirm_unencrypted(self, parent: QWidget) -> bool:
        answer = QMessageBox.warning(
            parent, "Export without encryption", UNENCRYPTED_WARNING,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def tell(self, parent: QWidget, message: str) -> None:
        QMessageBox.information(parent, "Threadline", message)
