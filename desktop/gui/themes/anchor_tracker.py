"""Moves passage anchors live while the clinician edits, using the pure ``db.anchors``."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument

from db.anchors import Anchor, apply_edit, diff_edit, relocate
from db.services.passages import PassageRef
from desktop.gui.themes.text_positions import to_python, to_qt


class AnchorTracker(QObject):
    """Follows a ``QTextDocument``; holds the anchors of one note's marks and episodes.

    Signals
    -------
    moved()
        Anchors changed position or text after an edit (repaint highlights).
    lost(str, uuid.UUID)
        The words of this item's passage were deleted: it is now session-level.
    """

    moved = Signal()
    lost = Signal(str, object)

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._text = document.toPlainText()
        self._anchors: dict[tuple[str, uuid.UUID], Anchor | None] = {}
        self._emptied: dict[tuple[str, uuid.UUID], Anchor] | None = None
        self.dirty = False
        # A document only reports changes once it has a layout; an editor's always has one.
        document.documentLayout()
        document.contentsChange.connect(self._changed)

    def reset(self, refs: list[PassageRef]) -> None:
        """Start tracking these anchors, re-found in the text the document shows now."""
        self._text = self._document.toPlainText()
        self._emptied = None
        self._anchors = {(r.owner, r.id): relocate(r.anchor, self._text) if r.anchor else None
                         for r in refs}
        self.dirty = any(a is None for a in self._anchors.values())
        self.moved.emit()

    def add(self, owner: str, item_id: uuid.UUID, anchor: Anchor) -> None:
        self._anchors[owner, item_id] = anchor
        self.moved.emit()

    def forget(self, owner: str, item_id: uuid.UUID) -> None:
        self._anchors.pop((owner, item_id), None)
        self.moved.emit()

    def anchor(self, owner: str, item_id: uuid.UUID) -> Anchor | None:
        return self._anchors.get((owner, item_id))

    def refs(self) -> list[PassageRef]:
        """Every tracked item with its current anchor (``None``: its words are gone)."""
        return [PassageRef(owner, item_id, anchor)
                for (owner, item_id), anchor in self._anchors.items()]

    def saved(self, refs: list[PassageRef] | None = None) -> None:
        """The anchors ``refs`` (default: all, as they are now) were stored with their
        text; forget those stored as lost (they are session-level now)."""
        if refs is None:
            refs = self.refs()
        for ref in refs:
            key = (ref.owner, ref.id)
            if ref.anchor is None and key in self._anchors and self._anchors[key] is None:
                del self._anchors[key]
        self.dirty = any(a is None for a in self._anchors.values())

    def _changed(self, position: int, removed: int, added: int) -> None:
        new_text = self._document.toPlainText()
        if self._replaced(new_text, removed):
            return
        if position == 0 and removed >= to_qt(self._text, len(self._text)) > 0:
            self._rewritten(new_text)  # all of it replaced at once: a restored revision
            return
        edit = diff_edit(self._text, new_text, to_python(new_text, position))
        self._text = new_text
        if edit is None or not self._anchors:
            return
        for key, anchor in list(self._anchors.items()):
            if anchor is None:
                continue
            moved = apply_edit(anchor, edit)
            self._anchors[key] = moved
            if moved != anchor:
                self.dirty = True
            if moved is None:
                self.lost.emit(key[0], key[1])
        self.moved.emit()

    def _replaced(self, new_text: str, removed: int) -> bool:
        """Handle the whole text being replaced (``setPlainText``, a restored revision).

        Qt reports that as two changes: everything *and the closing block separator*
        removed (one more character than the text has, which no edit by hand does), then
        the new text inserted. Anchors are then re-found by their words in the new text,
        quietly: a reload is not the clinician deleting a passage.
        """
        if self._text and not new_text and removed > to_qt(self._text, len(self._text)):
            self._emptied = {k: a for k, a in self._anchors.items() if a is not None}
            self._anchors = dict.fromkeys(self._anchors)
            self._text = new_text
            self.moved.emit()
            return True
        if not self._text and self._emptied is not None:
            for key, anchor in self._emptied.items():
                self._anchors[key] = relocate(anchor, new_text)
                self.dirty = self.dirty or self._anchors[key] != anchor
            self._emptied = None
            self._text = new_text
            self.moved.emit()
            return True
        return False

    def _rewritten(self, new_text: str) -> None:
        """The whole text was replaced in one edit: find each passage's words again."""
        self._text = new_text
        for key, anchor in list(self._anchors.items()):
            if anchor is None:
                continue
            found = relocate(anchor, new_text)
            self._anchors[key] = found
            self.dirty = self.dirty or found != anchor
            if found is None:
                self.lost.emit(key[0], key[1])
        self.moved.emit()
