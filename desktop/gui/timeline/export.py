"""Turn the timeline and its tables into PNG, PDF or CSV bytes, and write them atomically.

PDF pages are painted by the widgets themselves through QPdfWriter, so axes, lines and
text stay vector graphics; only the heat strip's image is a raster (it is one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPoint, QRectF
from PySide6.QtGui import QImage, QImageWriter, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from db.analytics.tables import Table, to_csv
from db.atomic import write_atomic

UNENCRYPTED_WARNING = (
    "The exported file is not encrypted: anyone who can open it can read what it shows. "
    "Save it only where you keep other confidential records."
)
PNG_SCALE = 2  # export at twice the screen resolution, crisp in documents


def png_bytes(widget: QWidget) -> bytes:
    size = widget.size()
    image = QImage(size.width() * PNG_SCALE, size.height() * PNG_SCALE,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(PNG_SCALE)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    widget.render(painter, QPoint())
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    buffer.close()
    return bytes(data.data())


def pdf_bytes(widget: QWidget, title: str = "Threadline timeline") -> bytes:
    """One landscape A4 page with the widget scaled to fit."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Threadline")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    painter = QPainter(writer)
    page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    scale = min(page.width() / max(widget.width(), 1), page.height() / max(widget.height(), 1))
    painter.scale(scale, scale)
    widget.render(painter, QPoint())
    painter.end()
    buffer.close()
    return bytes(data.data())


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read accents correctly."""
    return to_csv(table).encode("utf-8-sig")


def write_export(path: Path, data: bytes) -> None:
    """Write the whole file or nothing (temp file in the same folder, then rename)."""
    write_atomic(path, data, mode=0o600)
