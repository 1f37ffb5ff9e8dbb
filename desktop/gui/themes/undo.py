"""Theme edits on a ``QUndoStack``: each command holds the service's inverse edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from db.errors import ThreadlineError
from db.services.dto import Changed, Outcome
from db.services.hub import Services
from db.services.theme_dto import EditResult, ThemeEdit
from db.services.themes import ThemeService


class ThemeEditCommand(QUndoCommand):
    """Pushed *after* the edit was done: the first ``redo`` (Qt calls it on push) is a no-op.

    Undo applies the stored inverse and keeps the edit that redoes it, and so on. If the
    vault refuses (the theme was used meanwhile, say), ``failed`` gets the message and the
    command makes itself obsolete, so Qt drops it from the stack.
    """

    def __init__(self, themes: Callable[[], ThemeService], result: EditResult,
                 changed: Callable[[Changed], None], failed: Callable[[str], None],
                 submit: Callable[..., object] | None = None,
                 initiator: object | None = None) -> None:
        super().__init__(result.label)
        self._themes = themes
        self._submit = submit  # the window's write pipeline (AppContext.submit), if any
        self._initiator = initiator
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
        if self._submit is not None:
            self._flip_in_pipeline(self._submit)
            return
        try:
            outcome = self._themes().apply(self._edit, self.text())
        except ThreadlineError as error:
            self.setObsolete(True)
            self._failed(str(error))
            return
        self._edit = outcome.value.inverse
        self._changed(outcome.changed)

    def _flip_in_pipeline(self, submit: Callable[..., object]) -> None:
        """Undo or redo on the writer thread, in order: the edit to apply is read there,
        so a second undo asked for before the first is done applies the right one."""
        label = self.text()

        def run(services: Services) -> Outcome[EditResult]:
            outcome = services.themes.apply(self._edit, label)
            self._edit = outcome.value.inverse
            return outcome

        def failed(error: BaseException) -> None:
            self.setObsolete(True)
            self._failed(str(error))

        submit(run, initiator=self._initiator, on_done=lambda _: self._changed(Changed()),
               on_error=failed)
