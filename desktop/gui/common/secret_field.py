"""Fields that held a secret (passphrase, recovery key) are emptied with their history."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def wipe(field: QLineEdit) -> None:
    """Empty ``field``, its undo history too.

    ``QLineEdit.clear()`` is an undoable edit: the text stays in the undo stack, and
    ``undo()`` brings a recovery key typed in normal echo mode right back. ``setText``
    resets the history. The Python ``str`` copies already handed out cannot be wiped;
    see docs/architecture-notes.md.
    """
    field.setText("")
