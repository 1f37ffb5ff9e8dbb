"""Theme edits on a ``QUndoStack``: each command holds the service's inverse edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from db.errors import ThreadlineError
from db.services.dto import Changed
from db.services.theme_dto import EditResult, ThemeEdit
from db.services.themes import ThemeService


class ThemeEditCommand(QUndoCommand):
    """Pushed *after* the edit was done: the first ``redo`` (Qt calls it on push) is a no-op.

    Undo applies the stored inverse and keeps the edit that redoes it, and so on. If the
    vault refuses (the theme was used meanwhile, say), ``failed`` gets the message and the
    command makes itself obsolete, so Qt drops it from the stack.
    """

    def __init__(self, themes: Callable[[], ThemeService], result: EditResult,
                 changed: Callable[[Changed], None], failed: Callable[[str], None]) -> None:
        super().__init__(result.label)
        self._themes = themes
        self._edit: ThemeEdit = result.inverse  # what the next undo/redo applies
        self._changed = changed
        self._failed = failed
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._flip()

    def undo(self) -> None:
        self._flip()

    def _flip(self) -> None:
        try:
            outcome = self._themes().apply(self._edit, self.text())
        except ThreadlineError as error:
            self.setObsolete(True)
            self._failed(str(error))
            return
        self._edit = outcome.value.inverse
        self._changed(outcome.changed)
