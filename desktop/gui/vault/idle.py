"""Auto-lock: a timer that any keyboard or mouse input in the application restarts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
          QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod}


class IdleWatcher(QObject):
    """Emits ``idle()`` after ``interval_ms`` without user input, while started.

    The application-wide event filter is installed only while started (the vault is
    unlocked): every Qt event passes through it, so the locked window never pays for it.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        self._filtering = False

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        self.timer.start()
        self._filter(True)

    def stop(self) -> None:
        self.timer.stop()
        self._filter(False)

    def _timed_out(self) -> None:
        self._filter(False)
        self.idle.emit()

    def _filter(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()
        return False
