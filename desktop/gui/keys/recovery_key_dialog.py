"""Shows a new recovery key once, as the welcome does for the first one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.style import heading, muted
from desktop.gui.keys.recovery_key_view import (
    KeyActions,
    copy_recovery_key,
    print_recovery_key,
    recovery_key_label,
)


class RecoveryKeyDialog(QDialog):
    """The key, Copy and Print, and "Done" once the clinician says it is stored. The key
    is cleared from the widget when the dialog closes."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None, *,
                 clipboard: ClipboardGuard | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.setWindowTitle("New recovery key")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Your new recovery key", 1.5, self))
        layout.addWidget(muted(
            "The old recovery key no longer opens this vault. Write this one down or print "
            "it, and keep it somewhere safe, away from this computer. It is shown only "
            "this once.", self))
        self.key_label = recovery_key_label(self, recovery_key)
        layout.addWidget(self.key_label)
        actions = KeyActions(self, self._copy, self._print)
        self.copy_button, self.print_button = actions.copy_button, actions.print_button
        self.copy_button.setVisible(clipboard is not None)
        layout.addLayout(actions.row)
        self.stored = actions.stored
        layout.addWidget(self.stored)
        self.done_button = QPushButton("&Done", self)
        self.done_button.setEnabled(False)
        self.stored.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.done_button)
        layout.addLayout(end)
        self.finished.connect(lambda _: self.key_label.clear())

    def _copy(self) -> None:
        if self._clipboard is not None:
            copy_recovery_key(self._clipboard, self.key_label.text())
            self.copy_button.setText("C&opied")

    def _print(self) -> None:
        print_recovery_key(self, self.key_label.text())

    def reject(self) -> None:
        """Escape does not close it before the key is stored: it is never shown again."""
        if self.stored.isChecked():
            super().reject()
