"""Theme chips in the session list stay visible in a narrow column."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from db.services.dto import SessionDTO, ThemeChip
from desktop.gui.workspace.chip_delegate import ChipDelegate
from desktop.gui.workspace.sessions_model import SessionColumn, SessionsModel

COLOUR = "#0072b2"


def test_a_chip_too_wide_for_the_column_is_still_drawn(qtbot: QtBot) -> None:
    model = SessionsModel()
    chip = ThemeChip(uuid.uuid4(), "Devaluation of other's image, strongly", COLOUR, 3)
    model.set_rows([SessionDTO(uuid.uuid4(), uuid.uuid4(), 1, date(2026, 3, 2), None, 50,
                               "individual", "attended", None, True, (chip, chip))])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = ChipDelegate(view)
    image = QImage(80, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 80, 24)
    option.widget = view
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, SessionColumn.THEMES))
    painter.end()
    target = QColor(COLOUR)
    tinted = sum(
        1 for x in range(80) for y in range(24)
        if (c := image.pixelColor(x, y)).blue() > c.red() + 40 and c != QColor("white")
        and abs(c.hue() - target.hue()) < 20)
    assert tinted > 100  # the chip's colour fills a good part of the cell
