"""A supervision document as PDF, with Qt's QPdfWriter, in memory (nothing is written to
disk until the caller writes the bytes where the clinician chose)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from db.supervision.document import SupervisionDocument

MARGIN_MM = 20


def _ensure_gui() -> None:
    """The command line has no application object; fonts need one (offscreen is enough)."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["threadline", "-platform", "offscreen"])


def text_document(document: SupervisionDocument) -> QTextDocument:
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    title, heading, body = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
    title.setFontPointSize(16)
    title.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(12.5)
    heading.setFontWeight(QFont.Weight.Bold)
    body.setFontPointSize(10.5)
    cursor.insertText(document.title, title)
    for section in document.sections:
        cursor.insertBlock()
        cursor.insertBlock()
        cursor.insertText(section.title, heading)
        for piece in section.paragraphs:
            cursor.insertBlock()
            cursor.insertText(piece.text, body)
    return doc


def pdf_bytes(document: SupervisionDocument) -> bytes:
    _ensure_gui()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(document.title)  # the new code only
    writer.setCreator("Threadline")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    text_document(document).print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
