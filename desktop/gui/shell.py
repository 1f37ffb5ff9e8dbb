"""The first window: a calm placeholder shell until the workspace is wired in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow


class ShellWindow(QMainWindow):
    """Signals: ``painted`` once, after the first paint (for start-up measurement)."""

    painted = Signal()

    def __init__(self, vault_folder: Path) -> None:
        super().__init__()
        self.setWindowTitle("Threadline")
        self.resize(960, 640)
        label = QLabel("Threadline", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        self._vault_folder = vault_folder
        self._painted_once = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            self.painted.emit()
