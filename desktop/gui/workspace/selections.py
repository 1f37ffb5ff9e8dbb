"""Extra selections that several parts paint into the same note editor.

Theme passages, search hits and a timeline cell's passages each own a group of extra
selections, told apart by a property on their format; each part replaces or clears only
its own group and leaves the others (a find bar's matches, the current line) as they are.
Offsets are code points into the editor's text, converted here to Qt's UTF-16 positions.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop.gui.themes.text_positions import to_qt

#: (start, end, format) in code points of the editor's current text.
Span = tuple[int, int, QTextCharFormat]


def text_cursor(editor: QPlainTextEdit, text: str, start: int, end: int) -> QTextCursor:
    """A cursor selecting ``start``–``end`` (code points of ``text``, the editor's text)."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(to_qt(text, start))
    cursor.setPosition(to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def replace_group(editor: QPlainTextEdit, tag: int, spans: Iterable[Span]) -> None:
    """Make ``spans`` the editor's extra selections of group ``tag`` (a format property,
    which this sets on each format); the other groups' selections are kept."""
    text = editor.toPlainText()
    selections = [s for s in editor.extraSelections() if not s.format.property(tag)]
    for start, end, fmt in spans:
        fmt.setProperty(tag, True)
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = text_cursor(editor, text, start, end), fmt
        selections.append(selection)
    editor.setExtraSelections(selections)


def clear_group(editor: QPlainTextEdit, tag: int) -> None:
    replace_group(editor, tag, ())
