"""An indeterminate progress bar with a caption, shown while slow work runs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class BusyIndicator(QWidget):
    def __init__(self, caption: str = "Deriving key…", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # indeterminate
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName("Progress")
        self.caption = QLabel(caption, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.hide()

    def start(self, caption: str | None = None) -> None:
        if caption:
            self.caption.setText(caption)
        self.show()

    def stop(self) -> None:
        self.hide()
