"""Saving an edit dialog through the write pipeline: "Saving…", then close or explain.

The dialog stays open while its change waits on the writer thread (with the integrity
check running, a write waits for its verdict), its Save button says "Saving…" meanwhile,
and the dialog closes only once the change is stored. A refused change reports its
sentence on the field it concerns, or on the dialog's general error line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from db.errors import ValidationError
from desktop.gui.common.fields import ErrorForm, FieldError
from desktop.gui.common.operations import error_sentence
from desktop.gui.common.style import show_error

if TYPE_CHECKING:
    from db.services.hub import Services
    from desktop.gui.common.context import AppContext

SAVING = "Saving…"


def submit_form(dialog: QDialog, context: AppContext, run: Callable[[Services], object],
                form: ErrorForm, general_error: QLabel, save_button: QPushButton,
                on_saved: Callable[[Any], None]) -> None:
    """Submit ``run`` with ``dialog`` as its initiator; ``on_saved(value)`` then accept."""
    label = save_button.text()
    save_button.setEnabled(False)
    save_button.setText(SAVING)

    def restore_button() -> None:
        save_button.setEnabled(True)
        save_button.setText(label)

    def done(value: Any) -> None:
        restore_button()
        on_saved(value)
        dialog.accept()

    def failed(error: BaseException) -> None:
        restore_button()
        if isinstance(error, (FieldError, ValidationError)):
            form.report(error.field, str(error), general_error)
        else:
            show_error(general_error, error_sentence(error))

    context.submit(run, initiator=dialog, on_done=done, on_error=failed)
