"""Line spacing for a plain-text editor, which Qt's plain-text layout does not offer.

``QPlainTextDocumentLayout`` ignores a block's line height, and a rich-text editor would
change what the note is. :class:`SpacedLayout` lays each block out as Qt does, then sets
its lines a ``spacing`` apart (each line centred in its pitch, as a line height in CSS),
and reports the taller block, so painting, the cursor, selections and clicks all follow.
Nothing is written into the document: spacing is how the note is shown, not its text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

SINGLE = 1.0


def layout_for(document: QTextDocument, spacing: float) -> QPlainTextDocumentLayout:
    """The layout for ``spacing``: Qt's own at single spacing (no Python is called for
    each paragraph at each paint: a third of the Python of opening a note was the spaced
    layout's override answering for single spacing), the spaced one otherwise."""
    if spacing == SINGLE:
        return QPlainTextDocumentLayout(document)
    return SpacedLayout(document, spacing)


class SpacedLayout(QPlainTextDocumentLayout):
    """A plain-text layout whose lines stand ``spacing`` × their height apart."""

    def __init__(self, document: QTextDocument, spacing: float) -> None:
        super().__init__(document)
        self.spacing = spacing

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt naming)
        rect = super().blockBoundingRect(block)  # lays the block out if it has to
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if count == 0 or not block.isVisible():
            return rect
        height = layout.lineAt(0).height()
        pitch = height * self.spacing
        for i in range(count):
            line = layout.lineAt(i)
            line.setPosition(QPointF(line.position().x(),
                                     i * pitch + (pitch - line.height()) / 2))
        bottom = count * pitch
        if not block.next().isValid():
            bottom += self.document().documentMargin()
        return QRectF(rect.x(), rect.y(), rect.width(), bottom)
