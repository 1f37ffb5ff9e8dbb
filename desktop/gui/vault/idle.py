"""Auto-lock: a timer that any keyboard or mouse input in the application restarts.

Idle time is counted across sleep. A ``QTimer`` runs on the monotonic clock, which stands
still while the machine is suspended: ten idle minutes, a night's sleep, and the window
would stay open for the minutes that were left. So the time of the last input is also
taken from a clock that keeps running during suspend (``CLOCK_BOOTTIME`` on Linux, the
wall clock elsewhere), and a slow tick (and every wake-up, :meth:`check`) compares it
with the interval.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
          QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod}

#: How often the clock that counts suspend is looked at (after a wake-up, at the latest).
TICK_MS = 15_000


def awake_and_asleep() -> float:
    """Seconds on a clock that also counts the time the machine slept."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()  # pragma: no cover - macOS and Windows: the wall clock


class IdleWatcher(QObject):
    """Emits ``idle()`` after ``interval_ms`` without user input, while started — time
    the machine slept included.

    The application-wide event filter is installed only while started (the vault is
    unlocked): every Qt event passes through it, so the locked window never pays for it.
    ``clock`` and ``tick_ms`` are for tests (a slept machine is a clock moved on).
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 clock: Callable[[], float] = awake_and_asleep, tick_ms: int = TICK_MS) -> None:
        super().__init__(parent)
        self.clock = clock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        self.tick = QTimer(self)
        self.tick.setInterval(tick_ms)
        self.tick.timeout.connect(self.check)
        self._last_input = clock()
        self._filtering = False

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)
        if self.timer.isActive():
            self._restart()

    def start(self) -> None:
        self._restart()
        self.tick.start()
        self._filter(True)

    def stop(self) -> None:
        self.timer.stop()
        self.tick.stop()
        self._filter(False)

    def check(self) -> bool:
        """Emit ``idle()`` now if the interval has passed since the last input, counting
        time asleep (called by the tick and when the machine wakes); returns whether."""
        if not self.timer.isActive():
            return False
        if self.clock() - self._last_input >= self.timer.interval() / 1000:
            self._timed_out()
            return True
        return False

    def _restart(self) -> None:
        self._last_input = self.clock()
        self.timer.start()

    def _timed_out(self) -> None:
        self.timer.stop()
        self.tick.stop()
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
            self._restart()
        return False
