"""Chips and passage highlights keep a contrast of at least 4.5:1, light and dark; where
passages overlap, each keeps an underline style of its own."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCharFormat
from pytestqt.qtbot import QtBot

from db.anchors import make_anchor
from db.services.hub import Services
from desktop.gui.themes.highlighter import OWN, Highlight, PassageHighlighter
from desktop.gui.themes.swatch import readable_highlight
from desktop.gui.workspace.chip_delegate import chip_colours, contrast
from desktop.gui.workspace.writing_surface import WritingSurface

#: (page, text) of a light and a dark palette (Fusion's and a typical dark desktop's).
PAGES = {"light": (QColor("#ffffff"), QColor("#000000")),
         "dark": (QColor("#1e1e1e"), QColor("#f0f0f0"))}
EXTRA = ("#ffeb3b", "#00ffff", "#ffffff", "#000000", "#7f7f7f", "#ff0000", "#0000ff")


def shipped_colours(services: Services) -> list[str]:
    return sorted({theme.color for theme in services.themes.taxonomy().themes} | set(EXTRA))


@pytest.mark.parametrize("mode", PAGES)
def test_chip_text_reads_on_every_theme_colour(services: Services, mode: str) -> None:
    page, _ = PAGES[mode]
    poor = [(colour, intensity) for colour in shipped_colours(services)
            for intensity in (1, 2, 3)
            if contrast(*chip_colours(colour, intensity, page)) < 4.5]
    assert poor == []


@pytest.mark.parametrize("mode", PAGES)
def test_highlighted_words_read_on_every_theme_colour(services: Services, mode: str) -> None:
    page, ink = PAGES[mode]
    poor = []
    for colour in shipped_colours(services):
        fill = readable_highlight(colour, page, ink)
        share = fill.alphaF()
        shown = QColor.fromRgbF(*(share * c + (1 - share) * p for c, p in zip(
            (fill.redF(), fill.greenF(), fill.blueF()),
            (page.redF(), page.greenF(), page.blueF()), strict=True)))
        if contrast(shown, ink) < 4.5:
            poor.append(colour)
    assert poor == []


def test_overlapping_passages_keep_their_own_underline(qtbot: QtBot) -> None:
    """Where two passages overlapped, the inner one's solid underline hid the outer's."""
    surface = WritingSurface()
    qtbot.addWidget(surface)
    text = "She went quiet, then joked that I would be glad to be rid of her."
    surface.setPlainText(text)
    highlighter = PassageHighlighter(surface)
    outer = make_anchor(text, text.index("went"), text.index(" to be"))
    inner = make_anchor(text, text.index("joked"), text.index(" of her"))
    highlighter.set_highlights([Highlight(outer, "#0072b2", "Isolation · clear"),
                                Highlight(inner, "#d55e00", "Humor · clear")])
    styles = [s.format.underlineStyle() for s in surface.extraSelections()
              if s.format.hasProperty(OWN)]
    assert len(styles) == 2
    assert styles[0] != styles[1]
    assert QTextCharFormat.UnderlineStyle.SingleUnderline in styles
