"""Moves passage anchors live while the clinician edits, using the pure ``db.anchors``."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument

from db.anchors import Anchor, apply_edit, diff_edit, relocate
from db.services.passages import PassageRef
from desktop.gui.themes.text_positions import to_python


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
        self.dirty = False
        document.contentsChange.connect(self._changed)

    def reset(self, refs: list[PassageRef]) -> None:
        """Start tracking these anchors, re-found in the text the document shows now."""
        self._text = self._document.toPlainText()
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

    def saved(self) -> None:
        """The anchors were stored; forget the lost ones (they are session-level now)."""
        self._anchors = {k: a for k, a in self._anchors.items() if a is not None}
        self.dirty = False

    def _changed(self, position: int, removed: int, added: int) -> None:
        new_text = self._document.toPlainText()
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
