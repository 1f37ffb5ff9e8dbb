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


class SpacedLayout(QPlainTextDocumentLayout):
    """A plain-text layout whose lines stand ``spacing`` × their height apart."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spacing = SINGLE

    def set_spacing(self, spacing: float) -> None:
        if spacing == self.spacing:
            return
        self.spacing = spacing
        document = self.document()
        document.markContentsDirty(0, document.characterCount())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt naming)
        rect = super().blockBoundingRect(block)  # lays the block out if it has to
        if self.spacing == SINGLE:  # the common case, asked for every block at each paint
            return rect
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
