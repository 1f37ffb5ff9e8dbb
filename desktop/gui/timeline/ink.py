"""The colours the timeline's charts are drawn in, from the window's palette: a light page
in a light palette, a dark one in a dark or high-contrast-dark palette.

The charts are pyqtgraph scenes, which do not follow the Qt palette by themselves; each
chart asks :func:`ink_for` when it is made and again when its palette changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from desktop.gui.timeline.layout import DARK_PAGE, LIGHT_PAGE, Page


@dataclass(frozen=True)
class Ink:
    page: str  # the charts' background
    text: str  # titles and tick labels
    axis: str  # axis lines
    faint: str  # "not enough defenses" and similar asides
    line: str  # the rolling value over the points
    strip: Page  # the heat strip's cells, bands and separators


LIGHT = Ink(page="#ffffff", text="#3a3f47", axis="#b9bcc2", faint="#6b7079", line="#23364d",
            strip=LIGHT_PAGE)
DARK = Ink(page="#1f2124", text="#d9dce1", axis="#5d626b", faint="#a3a8b0", line="#e8ecf2",
           strip=DARK_PAGE)


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


def ink_for(widget: QWidget) -> Ink:
    return DARK if is_dark(widget) else LIGHT
