"""The app-level signals every view listens to (one object, passed down, never global)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the first window paints before the core's DTOs are imported
    from db.services.dto import Changed


class AppEvents(QObject):
    """Broadcasts what happened, so views refresh only what is affected.

    Signals
    -------
    changed(Changed)
        After every user action that changed the vault, once, with what it changed.
    locked()
        The vault was locked: drop every piece of client data you hold.
    unlocked()
        The vault was unlocked (or created): views may load again.
    """

    changed = Signal(object)
    locked = Signal()
    unlocked = Signal()

    def announce(self, changed: Changed) -> None:
        from db.services.dto import Changed

        if changed != Changed():
            self.changed.emit(changed)
