"""Put a template into the note being written: at the end, as one undoable edit, and only
after asking when the note already holds text."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from db.templates.dto import TemplateDTO
from desktop.gui.common import dialogs

ASK_TITLE = "Insert template"


def insert_template(parent: QWidget | None, surface: QPlainTextEdit,
                    template: TemplateDTO) -> str:
    """Insert ``template`` into ``surface``; returns a sentence for the status bar."""
    if surface.isReadOnly():
        return "This note is finalized; add an addendum instead."
    text = surface.toPlainText()
    if text.strip() and not dialogs.confirm(
            parent, ASK_TITLE,
            f"This note already has text. Add the “{template.name}” template after it?",
            yes="Add after the text"):
        return "The template was not inserted."
    cursor = surface.textCursor()
    cursor.beginEditBlock()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    if text.strip():
        cursor.insertText("\n\n" if not text.endswith("\n") else "\n")
    cursor.insertText(template.body)
    cursor.endEditBlock()
    surface.setTextCursor(cursor)
    return f"Template “{template.name}” inserted."
