"""Template edits on a ``QUndoStack``: each command holds the service's inverse edit, the
way theme edits do (``desktop/gui/themes/undo.py``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from db.services.dto import Outcome
from db.services.hub import Services
from db.templates.dto import TemplateEdit, TemplateEditResult


class TemplateEditCommand(QUndoCommand):
    """Pushed *after* the edit was done: the first ``redo`` (Qt calls it on push) is a no-op.

    Undo and redo run in the write pipeline, in order; the edit to apply is read on the
    writer thread, so a second undo asked for before the first is done applies the right
    one. A refusal (the template was deleted meanwhile) makes the command obsolete.
    """

    def __init__(self, result: TemplateEditResult, submit: Callable[..., object],
                 done: Callable[[], None], failed: Callable[[str], None],
                 initiator: object | None = None) -> None:
        super().__init__(result.label)
        self._edit: TemplateEdit = result.inverse
        self._submit = submit
        self._done = done
        self._failed = failed
        self._initiator = initiator
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._flip()

    def undo(self) -> None:
        self._flip()

    def _flip(self) -> None:
        label = self.text()

        def run(services: Services) -> Outcome[TemplateEditResult]:
            outcome = services.templates.apply(self._edit, label)
            self._edit = outcome.value.inverse
            return outcome

        def failed(error: BaseException) -> None:
            self.setObsolete(True)
            self._failed(str(error))

        self._submit(run, initiator=self._initiator, on_done=lambda _: self._done(),
                     on_error=failed)
