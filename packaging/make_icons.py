"""Render the Threadline application icon into the freedesktop hicolor sizes.

Run from anywhere::

    python packaging/make_icons.py

It reads ``resources/icons/threadline.svg`` and writes
``resources/icons/hicolor/<N>x<N>/apps/org.threadline.Threadline.png`` for every size
in :data:`SIZES`, plus a copy of the SVG under ``hicolor/scalable/apps/``. The PNGs are
committed, so neither a build nor a packager needs Qt's SVG module to install them.
Rendering is deterministic: running it twice gives identical files.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# Must be set before any Qt module creates a platform integration.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

APP_ID = "org.threadline.Threadline"
SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)

REPO_ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = REPO_ROOT / "resources" / "icons"
SOURCE_SVG = ICONS_DIR / "threadline.svg"
HICOLOR_DIR = ICONS_DIR / "hicolor"


def png_path(size: int, hicolor_dir: Path = HICOLOR_DIR) -> Path:
    """Where the PNG of ``size`` pixels lives in the hicolor tree."""
    return hicolor_dir / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """Paint the whole SVG into a transparent ``size`` x ``size`` image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    # Straight (non-premultiplied) alpha is what PNG stores; the ".png" suffix picks the format.
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def make_icons(source: Path = SOURCE_SVG, hicolor_dir: Path = HICOLOR_DIR) -> list[Path]:
    """Write every PNG size and the scalable copy; return the paths written.

    Raises ``ValueError`` if the SVG cannot be parsed and ``OSError`` if a PNG cannot
    be written.
    """
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG file")
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)

    written: list[Path] = []
    for size in SIZES:
        target = png_path(size, hicolor_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target)):
            raise OSError(f"could not write {target}")
        written.append(target)

    scalable = hicolor_dir / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    written.append(scalable)
    return written


def main() -> int:
    try:
        written = make_icons()
    except (ValueError, OSError) as error:
        sys.stderr.write(f"make_icons: {error}\n")
        return 1
    for path in written:
        sys.stderr.write(f"wrote {path.relative_to(REPO_ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
