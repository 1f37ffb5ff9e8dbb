"""Show the passages behind a timeline cell in the note editor.

After a click on a cell the session is open in the workspace; here its notes get the
passages marked with that theme highlighted in the theme's colour, the first one selected
and scrolled to the middle of the page. A theme marked on the whole session only has no
passage to show: the note is shown from the top and the status bar says why.

The highlights are extra selections of their own (like search hits), so the themes'
passage highlights, a find bar's matches and search hits are left as they are.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit

from db.analytics.passages import CellMarks
from db.anchors import Anchor, relocate
from db.vocabulary import NoteKind
from desktop.gui.themes.swatch import highlight_color
from desktop.gui.workspace.note_editor import NoteEditor
from desktop.gui.workspace.selections import clear_group, replace_group, text_cursor

#: Marks our extra selections, so clearing them leaves everyone else's.
TIMELINE_PASSAGE = QTextFormat.Property.UserProperty + 73
#: Over the mark's own highlight (alpha 100) this makes the passages asked for stand out
#: while dark theme colours keep the words readable.
ALPHA = 110


def clear_passages(editor: QPlainTextEdit) -> None:
    """Remove the highlights added here (and only those)."""
    clear_group(editor, TIMELINE_PASSAGE)


def highlight_passages(editor: QPlainTextEdit, anchors: list[Anchor], color: str) -> None:
    """Paint ``anchors`` (positions in the editor's current text) in ``color``."""
    fmt = QTextCharFormat()
    fmt.setBackground(highlight_color(color, ALPHA))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(color).darker(150))
    replace_group(editor, TIMELINE_PASSAGE, ((a.start, a.end, fmt) for a in anchors))


def show_cell(editor: NoteEditor, marks: CellMarks) -> str:
    """Highlight and select the cell's passages in the open session; returns the sentence
    for the status bar. The notes of ``marks.session_id`` must be the ones shown."""
    for surface in editor.surfaces.values():
        clear_passages(surface)
    found: dict[str, list[Anchor]] = {}
    for passage in marks.passages:
        if passage.note_kind not in editor.surfaces:
            continue
        # The editor may show unsaved words (a recovered draft): find the passage in them.
        anchor = relocate(passage.anchor, editor.surfaces[passage.note_kind].toPlainText())
        if anchor is not None:
            found.setdefault(passage.note_kind, []).append(anchor)
    name = marks.theme_name
    if not found:
        editor.show_kind(NoteKind.PROCESS)
        surface = editor.surfaces[NoteKind.PROCESS]
        surface.moveCursor(QTextCursor.MoveOperation.Start)
        surface.verticalScrollBar().setValue(0)
        if marks.passages:
            return f"{name}: the marked words are no longer in this note."
        return f"{name} was marked on the whole session, not on a passage."
    for kind, anchors in found.items():
        highlight_passages(editor.surfaces[kind], anchors, marks.theme_color)
    kind = next(iter(found))  # passages come in note order: process note first
    surface = editor.surfaces[kind]
    editor.show_kind(kind)
    first = found[kind][0]
    surface.setTextCursor(text_cursor(surface, surface.toPlainText(), first.start, first.end))
    surface.centerCursor()
    count = sum(len(anchors) for anchors in found.values())
    where = " of the progress note" if kind == NoteKind.PROGRESS else ""
    if count == 1:
        return f"{name}: the marked passage{where} is selected."
    return f"{name}: the first of {count} marked passages{where} is selected."
