"""The search popup, driven like a person: type, see results, press Enter, see the hits."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from db.search.dto import SearchFilters, SearchResults
from db.search.query import parse
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.gui.search.highlight import clear_hits, highlight_hits
from desktop.gui.search.results_model import SearchResultsModel
from desktop.gui.search.search_popup import SearchPopup
from desktop.gui.search.searcher import SearchFunction
from tests.db.search.index_check import caught_up

NOTE = ("Mara arrived late and sat by the window.\n\nShe spoke again of the locked room "
        "at her grandmother's house, the <b>key</b> & the dark hallway. Later, the room "
        "came back: locked, quiet, a room she could not leave.")


@pytest.fixture
def filled(services: Services) -> dict[str, uuid.UUID]:
    """Two fictional clients; returns the ids a test needs."""
    mara = services.clients.create(ClientInput(code="MARA", display_name="Mara Example"))
    theo = services.clients.create(ClientInput(code="THEO", display_name="Theo Example"))
    ids = {"mara": mara.value.id, "theo": theo.value.id}
    for number, (client, day, text) in enumerate([
            ("mara", date(2025, 2, 4), "A quiet session about the garden."),
            ("mara", date(2025, 2, 11), NOTE),
            ("theo", date(2025, 2, 12), "Theo described a locked room in a dream.")]):
        session = services.sessions.create(ids[client], SessionInput(date=day)).value.id
        services.notes.save(session, "process", text)
        ids[f"session{number}"] = session
    return ids


def searching(services: Services) -> SearchFunction:
    """The search as the window runs it: the index brought up first, then a pure read."""
    def search(query: str, filters: SearchFilters, limit: int) -> SearchResults:
        return caught_up(services).search.search(query, filters, limit)

    return search


@pytest.fixture
def popup(qtbot: QtBot, services: Services) -> SearchPopup:
    widget = SearchPopup(searching(services), services.clients.list_clients)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def type_and_wait(qtbot: QtBot, popup: SearchPopup, text: str) -> SearchResults:
    with qtbot.waitSignal(popup.searcher.results, timeout=5000) as blocker:
        qtbot.keyClicks(popup.field, text)
    result = blocker.args[0]
    assert isinstance(result, SearchResults)
    qtbot.waitUntil(lambda: popup.model.rowCount() == len(result.hits))
    return result


def test_model(qtmodeltester: object, services: Services, filled: dict[str, uuid.UUID]) -> None:
    model = SearchResultsModel()
    model.set_rows(list(caught_up(services).search.search("locked room").hits))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    text = model.index(0, 0).data()
    assert "<b>key</b> & the" in text or "dream" in text  # note text kept as typed


def test_typing_to_the_highlighted_passage(qtbot: QtBot, popup: SearchPopup,
                                           services: Services,
                                           filled: dict[str, uuid.UUID]) -> None:
    results = type_and_wait(qtbot, popup, '"locked room" grandm*')
    assert [h.session_id for h in results.hits] == [filled["session1"]]
    hit = popup.model.hit(0)
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["locked room", "grandmother"]
    with qtbot.waitSignal(popup.open_requested) as opened:
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    session_id, kind, terms = opened.args
    assert (session_id, kind) == (filled["session1"], "process")
    assert not popup.isVisible()
    # The note editor opens the session and marks the hits.
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(services.notes.load(session_id).process_note)
    assert highlight_hits(editor, terms) == 2
    marked = [s.cursor.selectedText() for s in editor.extraSelections()]
    assert marked == ["locked room", "grandmother"]
    assert editor.textCursor().position() == NOTE.index("locked room")


def test_arrow_keys_and_click_choose_other_results(qtbot: QtBot, popup: SearchPopup,
                                                   filled: dict[str, uuid.UUID]) -> None:
    results = type_and_wait(qtbot, popup, "locked")
    assert len(results.hits) == 2
    qtbot.keyClick(popup.field, Qt.Key.Key_Down)
    assert popup.list.currentIndex().row() == 1
    with qtbot.waitSignal(popup.open_requested) as opened:
        qtbot.keyClick(popup.field, Qt.Key.Key_Enter)
    assert opened.args[0] == results.hits[1].session_id
    popup.open()  # the last query comes back, selected
    qtbot.keyClick(popup.field, Qt.Key.Key_End)
    type_and_wait(qtbot, popup, "x")  # "lockedx": nothing; then back to "locked"
    qtbot.keyClick(popup.field, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: popup.model.rowCount() == 2)
    rect = popup.list.visualRect(popup.model.index(0, 0))
    with qtbot.waitSignal(popup.open_requested) as opened:
        qtbot.mouseClick(popup.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert opened.args[0] == results.hits[0].session_id


def test_enter_before_the_results_arrive_opens_the_best(
        qtbot: QtBot, popup: SearchPopup, filled: dict[str, uuid.UUID]) -> None:
    popup.field.setText("garden")
    with qtbot.waitSignal(popup.open_requested, timeout=5000) as opened:
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert opened.args[0] == filled["session0"]


def test_client_hits_ask_for_the_client(qtbot: QtBot, popup: SearchPopup,
                                        filled: dict[str, uuid.UUID]) -> None:
    type_and_wait(qtbot, popup, "theo example")
    assert popup.model.hit(0).kind == "client"
    with qtbot.waitSignal(popup.client_requested) as chosen:
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert chosen.args == [filled["theo"]]


def test_find_in_this_client(qtbot: QtBot, popup: SearchPopup, services: Services,
                             filled: dict[str, uuid.UUID]) -> None:
    popup.hide()
    popup.find_in_client(services.clients.get(filled["theo"]))
    assert popup.client_box.currentText() == "THEO"
    results = type_and_wait(qtbot, popup, "locked")
    assert {h.client_code for h in results.hits} == {"THEO"}
    popup.client_box.setCurrentIndex(0)  # all clients: searched again at once
    qtbot.waitUntil(lambda: popup.model.rowCount() == 2)


def test_kind_filter_and_messages(qtbot: QtBot, popup: SearchPopup,
                                  filled: dict[str, uuid.UUID]) -> None:
    type_and_wait(qtbot, popup, "mara")
    assert {popup.model.hit(r).kind for r in range(popup.model.rowCount())} == {
        "client", "process"}
    with qtbot.waitSignal(popup.searcher.results):
        popup.kind_box.setCurrentIndex(popup.kind_box.findText("Clients"))
    assert popup.model.rowCount() == 1
    popup.field.clear()
    assert popup.model.rowCount() == 0
    result = type_and_wait(qtbot, popup, "-garden")
    assert result.message == popup.status.text()
    assert popup.model.rowCount() == 0
    popup.field.clear()
    with qtbot.waitSignal(popup.searcher.results, timeout=5000):
        popup.field.setText('"unbalanced NEAR( 🙂')  # (key clicks cannot type emoji)
    assert popup.status.text() == ("Nothing matches. Try: remove the quotes to find other "
                                   "forms of the words.")


def test_only_the_latest_query_is_shown(qtbot: QtBot, services: Services,
                                        filled: dict[str, uuid.UUID]) -> None:
    popup = SearchPopup(searching(services), services.clients.list_clients)
    qtbot.addWidget(popup)
    searcher = popup.searcher
    shown: list[str] = []
    searcher.results.connect(lambda r: shown.append(r.query))
    searcher.request_now("garden", SearchFilters())
    searcher.request_now("dream", SearchFilters())
    qtbot.waitUntil(lambda: shown == ["dream"])
    with qtbot.assertNotEmitted(searcher.results, wait=200):
        searcher.request_now("garden", SearchFilters())
        searcher.cancel()


def test_highlighting_keeps_other_selections(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("Café, cafe\u0301 and CAFE 🙂 café")
    other = QTextEdit.ExtraSelection()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(0)
    cursor.setPosition(1, QTextCursor.MoveMode.KeepAnchor)
    other.cursor, other.format = cursor, QTextCharFormat()  # type: ignore[misc]
    editor.setExtraSelections([other])
    assert highlight_hits(editor, parse("cafe").terms) == 4
    texts = [s.cursor.selectedText() for s in editor.extraSelections()]
    assert texts == ["C", "Café", "cafe\u0301", "CAFE", "café"]  # after the emoji too
    clear_hits(editor)
    assert [s.cursor.selectedText() for s in editor.extraSelections()] == ["C"]


def test_privacy_view_leaves_client_names_out(qtbot: QtBot, popup: SearchPopup,
                                              filled: dict[str, uuid.UUID]) -> None:
    popup.set_privacy(True)
    results = type_and_wait(qtbot, popup, "mara")
    assert [h.kind for h in results.hits] == ["process"]  # the note mentions Mara
    assert all("Example" not in h.snippet for h in results.hits)
    popup.kind_box.setCurrentIndex(popup.kind_box.findText("Clients"))
    assert popup.model.rowCount() == 0
    assert "privacy view" in popup.status.text()


def test_theme_and_period_filters(qtbot: QtBot, services: Services,
                                  filled: dict[str, uuid.UUID]) -> None:
    from datetime import timedelta

    from db.services.marks import MarkInput

    theme = services.themes.offered()[0]
    services.marks.add(filled["session2"], MarkInput(theme.id))  # Theo's session
    recent = services.sessions.create(filled["mara"], SessionInput(
        date=date.today() - timedelta(days=3))).value.id
    services.notes.save(recent, "process", "A locked room, this week.")
    popup = SearchPopup(searching(services), services.clients.list_clients,
                        themes=services.themes.offered)
    qtbot.addWidget(popup)
    popup.open()
    assert type_and_wait(qtbot, popup, "locked").hits
    assert popup.model.rowCount() == 3
    with qtbot.waitSignal(popup.searcher.results):
        popup.theme_box.setCurrentIndex(popup.theme_box.findText(theme.name))
    assert [popup.model.hit(r).session_id for r in range(popup.model.rowCount())] == [
        filled["session2"]]
    popup.theme_box.setCurrentIndex(0)
    with qtbot.waitSignal(popup.searcher.results):
        popup.period_box.setCurrentIndex(popup.period_box.findText("Last 30 days"))
    assert [popup.model.hit(r).session_id for r in range(popup.model.rowCount())] == [recent]
