"""The timeline inside the real main window: follows the selected client, and a click on
a cell opens that session with the theme's passage selected and highlighted."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from db.anchors import make_anchor
from db.crypto.kdf import Argon2Params
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.passages import PassageInput
from desktop.app import build_window
from desktop.gui.main_window import MainWindow
from desktop.gui.timeline.passage import TIMELINE_PASSAGE
from desktop.gui.timeline.view import TimelineView
from tests.conftest import make_vault
from tests.db.analytics_fixtures import Fixture
from tests.desktop.gui.conftest import open_session, unlock

FIRST_NOTE = "She spoke about the move and the boxes still unpacked."
SECOND_NOTE = (
    "Arrived on time, sat down and looked at the clock.\n\n"
    "When I said the summer break was coming she joked that I would finally get some rest "
    "from her.\n\n"
    "Later she laughed that the plants in the waiting room need more therapy than she does.")
JOKE = "she joked that I would finally get some rest from her"
PLANTS = "she laughed that the plants in the waiting room need more therapy than she does"
PROGRESS = "Client reports sleeping better. Says the new job is no problem at all."
DENIAL = "the new job is no problem at all"


@dataclass(frozen=True)
class Case:
    client: uuid.UUID
    first: uuid.UUID
    second: uuid.UUID
    third: uuid.UUID


@pytest.fixture
def case(vault_dir: Path) -> Case:
    """A client whose second session has humor on two passages of the process note, and
    whose first session has humor marked on the session as a whole; in the third, denial
    is marked on a passage of the progress note only."""
    vault, _ = make_vault(vault_dir)
    try:
        with vault.database.write() as s:
            Fixture(s)  # the shipped taxonomy
        services = Services.for_vault(vault)
        ids = services.themes.ids_by_key(["dmrs.humor", "dmrs.denial"])
        humor = ids["dmrs.humor"]
        client = services.clients.create(ClientInput("TL-01")).value.id
        first = services.sessions.create(client, SessionInput(date(2025, 3, 3))).value.id
        second = services.sessions.create(client, SessionInput(date(2025, 3, 10))).value.id
        third = services.sessions.create(client, SessionInput(date(2025, 3, 17))).value.id
        services.notes.save(first, "process", FIRST_NOTE, reason="manual")
        services.notes.save(second, "process", SECOND_NOTE, reason="manual")
        services.marks.add(first, MarkInput(humor, 2))
        for quote in (PLANTS, JOKE):  # marked out of order: shown in the note's order
            start = SECOND_NOTE.index(quote)
            anchor = make_anchor(SECOND_NOTE, start, start + len(quote))
            services.marks.add(second, MarkInput(humor, 3, "", PassageInput.of("process",
                                                                               anchor)))
        services.notes.save(third, "process", FIRST_NOTE, reason="manual")
        services.notes.save(third, "progress", PROGRESS, reason="manual")
        start = PROGRESS.index(DENIAL)
        anchor = make_anchor(PROGRESS, start, start + len(DENIAL))
        services.marks.add(third, MarkInput(ids["dmrs.denial"], 2, "",
                                            PassageInput.of("progress", anchor)))
    finally:
        vault.close()
    return Case(client, first, second, third)


def _window(qtbot: QtBot, vault_dir: Path, tmp_path: Path) -> MainWindow:
    window = build_window(vault_dir, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"),
                                             QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window


def _timeline(qtbot: QtBot, window: MainWindow, client: uuid.UUID) -> TimelineView:
    open_session(qtbot, window, client)
    view = window.show_view("timeline")
    assert isinstance(view, TimelineView)
    assert window.views.currentWidget() is view
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.analytics is not None)  # loaded off the GUI thread
    assert view.client_id == client
    return view


def _click(qtbot: QtBot, view: TimelineView, theme: str, column: int) -> None:
    row = next(i for i, r in enumerate(view.strip.rows) if r.label == theme)
    qtbot.mouseClick(view.strip.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.strip.view_point(column, row))


def test_a_click_opens_the_session_with_the_first_marked_passage_selected(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, case: Case) -> None:
    window = _window(qtbot, vault_dir, tmp_path)
    view = _timeline(qtbot, window, case.client)
    _click(qtbot, view, "Humor", 1)
    qtbot.waitUntil(lambda: window.current_session_id() == case.second)
    assert window.views.currentWidget() is window.workspace
    assert window.workspace is not None
    editor = window.workspace.editor
    surface = editor.surfaces["process"]
    assert editor.kind == "process"
    # The first passage in the note (not the first marked) is selected and in view.
    assert surface.textCursor().selectedText() == JOKE
    assert surface.viewport().rect().contains(surface.cursorRect())
    # Both passages carry the timeline's highlight in the theme's colour.
    ours = [s for s in surface.extraSelections() if s.format.property(TIMELINE_PASSAGE)]
    assert [s.cursor.selectedText() for s in ours] == [JOKE, PLANTS]
    humor = view.analytics.grid.rows[0] if view.analytics else None
    assert humor is not None
    assert humor.name == "Humor"
    assert ours[0].format.background().color().name() == humor.color.lower()
    assert window.statusBar().currentMessage() == (
        "Humor: the first of 2 marked passages is selected.")
    window.grab().save(str(tmp_path / "timeline-click.png"))

    # Choosing another session takes the highlight away with it.
    open_session(qtbot, window, case.client, case.first)
    assert not [s for s in surface.extraSelections() if s.format.property(TIMELINE_PASSAGE)]


def test_a_session_mark_shows_the_note_top_and_a_progress_passage_its_note(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path, case: Case) -> None:
    window = _window(qtbot, vault_dir, tmp_path)
    view = _timeline(qtbot, window, case.client)
    _click(qtbot, view, "Humor", 0)
    qtbot.waitUntil(lambda: window.current_session_id() == case.first)
    assert window.workspace is not None
    surface = window.workspace.editor.surfaces["process"]
    assert surface.textCursor().position() == 0
    assert not surface.textCursor().hasSelection()
    assert surface.verticalScrollBar().value() == 0
    assert window.statusBar().currentMessage() == (
        "Humor was marked on the whole session, not on a passage.")

    # A theme marked only in the progress note opens that note at its passage.
    view = _timeline(qtbot, window, case.client)
    _click(qtbot, view, "Denial", 2)
    qtbot.waitUntil(lambda: window.current_session_id() == case.third)
    editor = window.workspace.editor
    assert editor.kind == "progress"
    assert editor.surfaces["progress"].textCursor().selectedText() == DENIAL
    assert window.statusBar().currentMessage() == (
        "Denial: the marked passage of the progress note is selected.")


def test_the_odf_scoring_chosen_in_the_view_is_stored_in_the_vault(
        qtbot: QtBot, case: Case, vault_dir: Path, tmp_path: Path) -> None:
    window = _window(qtbot, vault_dir, tmp_path)
    view = _timeline(qtbot, window, case.client)
    combo = view.scoring_bar.scoring
    with qtbot.waitSignal(view.loaded):
        combo.setCurrentIndex(combo.findData("occurrences"))
    settings = window.context.services.settings
    qtbot.waitUntil(lambda: settings.load().odf_scoring == "occurrences")
