"""Highlight a search's hits in a note editor (a QPlainTextEdit) with extra selections.

Only the selections added here are replaced or cleared; others (the current line, a find
bar's matches) are kept. Matching is the search's own (accents and case ignored).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit

from db.search.hits import find_hits
from db.search.query import Term
from desktop.gui.search.look import HIT_BACKGROUND, HIT_FOREGROUND
from desktop.gui.themes.text_positions import to_qt
from desktop.gui.workspace.selections import clear_group, replace_group

#: Marks our selections, so that clearing them leaves everyone else's.
SEARCH_HIT = QTextFormat.Property.UserProperty + 61


def clear_hits(editor: QPlainTextEdit) -> None:
    clear_group(editor, SEARCH_HIT)


def highlight_hits(editor: QPlainTextEdit, terms: Iterable[Term], scroll: bool = True) -> int:
    """Mark every hit of ``terms``; move to the first one. Returns how many were marked."""
    text = editor.toPlainText()
    spans = find_hits(text, terms)
    fmt = QTextCharFormat()
    fmt.setBackground(HIT_BACKGROUND)
    fmt.setForeground(HIT_FOREGROUND)
    replace_group(editor, SEARCH_HIT, ((start, end, fmt) for start, end in spans))
    if spans and scroll:
        cursor = QTextCursor(editor.document())
        cursor.setPosition(to_qt(text, spans[0][0]))
        editor.setTextCursor(cursor)
        editor.centerCursor()
    return len(spans)
