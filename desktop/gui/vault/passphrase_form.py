"""Passphrase twice with a live strength hint; used by the welcome and by passphrase change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from db.crypto import strength
from desktop.gui.common.secret_field import wipe
from desktop.gui.common.style import muted


class PassphraseForm(QWidget):
    """Signals: ``edited()`` whenever either field changes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        self.first.setPlaceholderText("For example four or five unrelated words")
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Repeat passphrase")
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(6)
        self.meter.setAccessibleName("Passphrase strength")
        self.hint: QLabel = muted("", self)
        self.hint.setAccessibleName("Strength hint")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Passphrase:", self.first)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        form.addRow("&Repeat:", self.second)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(lambda _: self.edited.emit())
        self._update("")

    def _update(self, text: str) -> None:
        verdict = strength.estimate(text)
        self.meter.setValue(min(100, int(verdict.bits / 90 * 100)) if text else 0)
        self.hint.setText(verdict.hint if text else
                          "Long passphrases are best: several unrelated words are easy to "
                          "remember and hard to guess.")
        self.edited.emit()

    def problem(self) -> str:
        """Why the passphrase cannot be used yet, or an empty string."""
        text = self.first.text()
        if not text:
            return "Choose a passphrase."
        verdict = strength.estimate(text)
        if not verdict.acceptable:
            return verdict.hint
        if self.second.text() != text:
            return "The two passphrases differ."
        return ""

    def passphrase(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        wipe(self.first)
        wipe(self.second)
