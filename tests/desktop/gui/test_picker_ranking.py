"""The quick picker puts the theme whose name starts with what was typed first, and Enter
marks with the row highlighted at that moment."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.services.hub import Services
from desktop.gui.themes.tagging import PassageTagging
from tests.desktop.gui.test_tagging import select, tagged  # noqa: F401 (the fixture)


def shown(tagging: PassageTagging) -> list[str]:
    proxy = tagging.picker.proxy
    return [str(proxy.index(row, 0).data()) for row in range(proxy.rowCount())]


def test_a_prefix_of_the_name_comes_first(
        qtbot: QtBot, tagged: tuple[PassageTagging, uuid.UUID]) -> None:  # noqa: F811
    """"drea" listed Autistic fantasy (whose definition speaks of daydreams) first."""
    tagging, _ = tagged
    select(tagging.editor, "went quiet")
    assert tagging.mark_selection()
    picker = tagging.picker
    qtbot.keyClicks(picker.filter, "fan")  # sorts once, with other words
    picker.filter.clear()
    qtbot.keyClicks(picker.filter, "drea")
    names = shown(tagging)
    assert names[0] == "Dream material"
    assert "Autistic fantasy" in names
    assert picker.list.currentIndex().data() == "Dream material"


def test_dream_and_enter_marks_dream_material(
        qtbot: QtBot, services: Services,
        tagged: tuple[PassageTagging, uuid.UUID]) -> None:  # noqa: F811
    tagging, session_id = tagged
    select(tagging.editor, "went quiet")
    assert tagging.mark_selection()
    picker = tagging.picker
    qtbot.keyClicks(picker.filter, "autistic")
    for _ in "autistic":
        qtbot.keyClick(picker.filter, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(tagging.changed):
        qtbot.keyClicks(picker.filter, "dream")
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    [mark] = services.marks.list_for_session(session_id)
    assert mark.theme_name == "Dream material"


def test_nothing_matches_offers_to_create_the_theme(
        qtbot: QtBot, services: Services,
        tagged: tuple[PassageTagging, uuid.UUID]) -> None:  # noqa: F811
    tagging, session_id = tagged
    select(tagging.editor, "went quiet")
    assert tagging.mark_selection()
    picker = tagging.picker
    qtbot.keyClicks(picker.filter, "wish to be rescued xq")
    assert picker.nothing.isVisible()
    assert picker.nothing.text() == "No theme matches — create one?"
    assert not picker.list.isVisible()
    with qtbot.waitSignal(picker.create_requested) as asked:
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert asked.args == ["wish to be rescued xq"]
    assert services.marks.list_for_session(session_id) == []
