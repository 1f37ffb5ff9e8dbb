"""Help ▸ About: what this is, and the versions a support request needs."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from db.vault.engine import sqlcipher_version
from desktop import __version__
from desktop.gui.common.style import heading, muted


def versions() -> list[tuple[str, str]]:
    return [("Threadline", __version__), ("Qt", qVersion()), ("PySide6", PySide6.__version__),
            ("SQLCipher", sqlcipher_version()), ("Python", platform.python_version())]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Threadline")
        icon = QLabel(self)
        window_icon = parent.windowIcon() if parent is not None else QIcon()
        icon.setPixmap(window_icon.pixmap(64, 64))
        title = heading("Threadline", 1.8, self)
        blurb = muted("An encrypted, local-first notebook for psychodynamic process notes. "
                      "Your notes never leave this computer unless you back them up.", self)
        blurb.setMinimumWidth(360)
        form = QFormLayout()
        for name, version in versions():
            value = QLabel(version, self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(f"{name} version")
            form.addRow(f"{name}:", value)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(blurb)
        column.addLayout(form)
        top.addLayout(column, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
