"""Theme chips in the session list stay visible in a narrow column."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

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


def test_chips_are_whole_in_the_window_at_its_first_size(qtbot: QtBot, tmp_path: Path) -> None:
    """At the first size on a 1366×768 screen, chips shrank to "Di…" or "…"."""
    from PySide6.QtGui import QFontMetrics

    from db.services.dto import ClientInput, SessionInput
    from db.services.hub import Services
    from db.services.marks import MarkInput
    from desktop.gui.workspace.chip_delegate import chip_font, lay_out_chips
    from tests.conftest import make_vault
    from tests.desktop.gui.pipeline_helpers import themed_window

    folder = tmp_path / "vault"
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    client = services.clients.create(ClientInput("RB-07", "Robin Example")).value
    session = services.sessions.create(client.id, SessionInput(date(2026, 3, 2))).value
    keys = ["dmrs.devaluation_of_others_image", "dmrs.isolation_of_affects", "dmrs.rationalization"]
    for intensity, theme_id in zip((3, 2, 1), services.themes.ids_by_key(keys).values(),
                                   strict=True):
        services.marks.add(session.id, MarkInput(theme_id, intensity, "", None))
    vault.close()
    window = themed_window(qtbot, folder, tmp_path / "s.ini")
    window.resize(1180, 691)  # the first size on a 1366×768 screen
    window.open_session(client.id, session.id)
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.editor.session_id == session.id)
    qtbot.wait(50)
    table = workspace.client_view.sessions.table
    rect = table.visualRect(table.model().index(0, SessionColumn.THEMES))
    chips = table.model().index(0, SessionColumn.THEMES).data(SessionsModel.ChipsRole)
    assert chips
    boxes, more = lay_out_chips(chips, QFontMetrics(chip_font(table.font())),
                                rect.adjusted(4, 0, -4, 0))
    assert boxes
    assert boxes[0].shown == chips[0].name
    assert all(box.shown == box.chip.name for box in boxes)
    assert len(boxes) + more == len(chips)
