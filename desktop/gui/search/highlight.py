"""Highlight a search's hits in a note editor (a QPlainTextEdit) with extra selections.

Only the selections added here are replaced or cleared; others (the current line, a find
bar's matches) are kept. Matching is the search's own (accents and case ignored).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from db.search.hits import find_hits
from db.search.query import Term
from desktop.gui.search.look import HIT_BACKGROUND, HIT_FOREGROUND, utf16_index

#: Marks our selections, so that clearing them leaves everyone else's.
SEARCH_HIT = QTextFormat.Property.UserProperty + 61


def _ours(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.property(SEARCH_HIT))


def clear_hits(editor: QPlainTextEdit) -> None:
    editor.setExtraSelections([s for s in editor.extraSelections() if not _ours(s)])


def highlight_hits(editor: QPlainTextEdit, terms: Iterable[Term], scroll: bool = True) -> int:
    """Mark every hit of ``terms``; move to the first one. Returns how many were marked."""
    text = editor.toPlainText()
    spans = find_hits(text, terms)
    fmt = QTextCharFormat()
    fmt.setBackground(HIT_BACKGROUND)
    fmt.setForeground(HIT_FOREGROUND)
    fmt.setProperty(SEARCH_HIT, True)
    selections = [s for s in editor.extraSelections() if not _ours(s)]
    document = editor.document()
    for start, end in spans:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(utf16_index(text, start))
        cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    editor.setExtraSelections(selections)
    if spans and scroll:
        cursor = QTextCursor(document)
        cursor.setPosition(utf16_index(text, spans[0][0]))
        editor.setTextCursor(cursor)
        editor.centerCursor()
    return len(spans)

