"""Lock when the desktop locks its screen or the machine goes to sleep (D-Bus, QtDBus).

Signals listened to, from any sender (locking is always safe, so a forged signal can do
no harm beyond asking for the passphrase again):

* session bus: ``org.freedesktop.ScreenSaver.ActiveChanged(true)`` (KDE, Xfce, most
  desktops) and ``org.gnome.ScreenSaver.ActiveChanged(true)`` (GNOME);
* system bus: ``org.freedesktop.login1.Manager.PrepareForSleep(true)`` (suspend,
  hibernate), ``org.freedesktop.login1.Session.Lock`` (``loginctl lock-session``);
  ``PrepareForSleep(false)`` (the wake-up) makes the idle watcher look at the clock.

Where there is no bus (Windows, macOS, a bare container) nothing is connected and the
window locks on idle time only. The vault setting ``lock_with_screen`` (on by default)
turns the locking off; the wake-up check stays.
"""

from __future__ import annotations

import itertools
import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
_names = itertools.count(1)


def connect_bus(which: str) -> QDBusConnection | None:
    """The session or system bus (``DBUS_*_BUS_ADDRESS`` honoured), or ``None``."""
    address = os.environ.get(f"DBUS_{which.upper()}_BUS_ADDRESS")
    if address:
        bus = QDBusConnection.connectToBus(address, f"threadline-{which}-{next(_names)}")
    elif which == "session":
        bus = QDBusConnection.sessionBus()
    else:
        bus = QDBusConnection.systemBus()
    return bus if bus.isConnected() else None


class ScreenLockWatcher(QObject):
    """Signals: ``lock_requested(reason)`` — ``"screen"`` or ``"sleep"``; ``woke()``."""

    lock_requested = Signal(str)
    woke = Signal()

    def __init__(self, session: QDBusConnection | None, system: QDBusConnection | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        self._buses = [bus for bus in (session, system) if bus is not None]
        if session is not None:
            for interface in SCREEN_SAVERS:
                self._listen(session, interface, "ActiveChanged", "screen_active(bool)")
        if system is not None:
            self._listen(system, LOGIND_MANAGER, "PrepareForSleep", "prepare_for_sleep(bool)")
            self._listen(system, LOGIND_SESSION, "Lock", "session_lock()")

    def _listen(self, bus: QDBusConnection, interface: str, name: str, slot: str) -> None:
        # PySide6 wants the SLOT() string here; its stubs say bytes, which it refuses.
        if bus.connect("", "", interface, name, self, SLOT(slot)):  # type: ignore[call-overload]
            self.listening.append(f"{interface}.{name}")
        else:
            log.info("not listening to %s.%s", interface, name)

    @Slot(bool)
    def screen_active(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("screen")

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        if going:
            self.lock_requested.emit("sleep")
        else:
            self.woke.emit()

    @Slot()
    def session_lock(self) -> None:
        self.lock_requested.emit("screen")

    def private_names(self) -> list[str]:
        """The private connections this watcher made (to drop with the window)."""
        return [bus.name() for bus in self._buses if bus.name().startswith("threadline-")]


def disconnect(names: list[str]) -> None:
    for name in names:
        QDBusConnection.disconnectFromBus(name)


def install(window: MainWindow) -> None:
    """Lock ``window`` when the screen locks or the machine sleeps (an extension)."""
    watch(window)


def watch(window: MainWindow) -> ScreenLockWatcher:
    """Lock ``window`` when the screen locks or the machine sleeps (unless turned off)."""
    watcher = ScreenLockWatcher(connect_bus("session"), connect_bus("system"), window)

    def lock(reason: str) -> None:
        if window.context.unlocked and window.context.settings.lock_with_screen:
            log.info("locking: %s", reason)
            window.lock(ask=False)

    watcher.lock_requested.connect(lock)
    watcher.woke.connect(window.idle.check)
    names = watcher.private_names()
    window.destroyed.connect(lambda *_: disconnect(names))
    return watcher
