"""Chips and passage highlights keep a contrast of at least 4.5:1, light, dark and high
contrast; where passages overlap, each keeps an underline style and a margin bar of its own."""

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
         "dark": (QColor("#1e1e1e"), QColor("#f0f0f0")),
         # A high-contrast desktop's: black page, white text (its Base and Text).
         "high contrast": (QColor("#000000"), QColor("#ffffff")),
         "high contrast light": (QColor("#ffffff"), QColor("#000000"))}
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


def test_overlapping_passages_have_a_bar_each_in_the_margin(qtbot: QtBot) -> None:
    """Two overlapping marks: two bars in two lanes beside the shared line, in their own
    colours (blended highlights alone could not be told apart)."""
    surface = WritingSurface()
    qtbot.addWidget(surface)
    surface.resize(700, 300)
    text = "She went quiet, then joked that I would be glad to be rid of her."
    surface.setPlainText(text)
    surface.show()
    qtbot.waitExposed(surface)
    highlighter = PassageHighlighter(surface)
    outer = make_anchor(text, text.index("went"), text.index(" to be"))
    inner = make_anchor(text, text.index("joked"), text.index(" of her"))
    blue, orange = QColor("#0072b2"), QColor("#d55e00")
    highlighter.set_highlights([Highlight(outer, blue.name(), "Isolation · clear"),
                                Highlight(inner, orange.name(), "Humor · clear")])
    margin = highlighter.margin
    qtbot.waitUntil(margin.isVisible)
    image = margin.grab().toImage()
    line = surface.cursorRect(surface.textCursor()).center().y()
    row = [QColor(image.pixel(x, line)) for x in range(image.width())]
    runs = [c for i, c in enumerate(row) if c in (blue, orange) and (i == 0 or row[i - 1] != c)]
    assert runs == [orange, blue]  # two bars: the inner passage one lane further out
    highlighter.set_highlights([Highlight(outer, blue.name(), "Isolation · clear")])
    image = margin.grab().toImage()
    row = [QColor(image.pixel(x, line)) for x in range(image.width())]
    assert orange not in row
    assert blue in row


def test_a_dark_theme_colour_still_shows_as_a_bar_on_a_black_page(qtbot: QtBot) -> None:
    from PySide6.QtGui import QPalette

    from desktop.gui.common.contrast import ratio
    surface = WritingSurface()
    qtbot.addWidget(surface)
    palette = surface.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#ffffff"))
    surface.setPalette(palette)
    surface.resize(700, 300)
    text = "She went quiet, then joked that I would be glad to be rid of her."
    surface.setPlainText(text)
    surface.show()
    qtbot.waitExposed(surface)
    highlighter = PassageHighlighter(surface)
    navy = QColor("#0a1e46")
    highlighter.set_highlights([Highlight(make_anchor(text, 4, 20), navy.name(), "Navy")])
    qtbot.waitUntil(highlighter.margin.isVisible)
    image = highlighter.margin.grab().toImage()
    line = surface.cursorRect(surface.textCursor()).center().y()
    shown = {QColor(image.pixel(x, line)).name() for x in range(image.width())}
    assert max(ratio(QColor(c), QColor("#000000")) for c in shown) >= 3.0
