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
    changed(Changed, initiator)
        After every user action that changed the vault, once, with what it changed and
        the object that asked for the change (``None``: nobody in particular). A view
        that made a change updates itself in place and skips the reload; slots that take
        only ``Changed`` still work.
    locked()
        The vault was locked: drop every piece of client data you hold.
    unlocked()
        The vault was unlocked (or created): views may load again.
    """

    changed = Signal(object, object)
    locked = Signal()
    unlocked = Signal()

    def announce(self, changed: Changed, initiator: object | None = None) -> None:
        from db.services.dto import Changed

        if changed != Changed():
            self.changed.emit(changed, initiator)
