"""How a recovery key is shown, copied and printed: the welcome and the new-key dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.gui.common import dialogs
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.style import SPACING, fixed_font


def recovery_key_label(parent: QWidget, key: str = "") -> QLabel:
    """The key in large fixed-width type, selectable, framed; cleared by its owner."""
    label = QLabel(key, parent)
    label.setFont(fixed_font(1.35))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMargin(SPACING)
    label.setAccessibleName("Recovery key")
    label.setFrameShape(QLabel.Shape.StyledPanel)
    return label


def copy_recovery_key(clipboard: ClipboardGuard, key: str) -> None:
    """Copy the key marked as a secret: it clears itself from the clipboard after 30 s."""
    clipboard.copy_secret(key)


def print_recovery_key(parent: QWidget, key: str) -> None:
    document = QTextDocument(parent)
    document.setHtml(
        "<h2>Threadline recovery key</h2>"
        f"<p style='font-family:monospace;font-size:16pt'>{key}</p>"
        "<p>This key opens your Threadline vault if the passphrase is forgotten. "
        "Keep it somewhere safe.</p>")
    dialogs.print_document(parent, "Print the recovery key", document)


class KeyActions:
    """The Copy and Print buttons under a shown key, and the "I have stored it" box."""

    def __init__(self, parent: QWidget, copy: Callable[[], None],
                 print_: Callable[[], None]) -> None:
        self.row = QHBoxLayout()
        self.copy_button = QPushButton("C&opy", parent)
        self.copy_button.clicked.connect(copy)
        self.print_button = QPushButton("&Print…", parent)
        self.print_button.clicked.connect(print_)
        self.row.addWidget(self.copy_button)
        self.row.addWidget(self.print_button)
        self.row.addStretch(1)
        self.stored = QCheckBox("I have stored the recovery key in a safe place", parent)
