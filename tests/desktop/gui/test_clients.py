"""The caseload: add, search, filter, privacy view, close and reopen; bad input says what."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.workspace.clients_model import ClientColumn
from tests.desktop.gui.conftest import settled


def shown_codes(window: MainWindow) -> list[str]:
    proxy = window.workspace.clients.proxy
    return [proxy.index(row, ClientColumn.CODE).data() for row in range(proxy.rowCount())]


def test_add_a_client_through_the_form(qtbot: QtBot, window: MainWindow) -> None:
    form = window.workspace.new_client()
    qtbot.keyClicks(form.code, "NT-03")
    qtbot.keyClicks(form.name, "Noa Test")
    form.modality.setCurrentText("Fixed 16-session course")
    form.planned.setValue(16)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "NT-03" in shown_codes(window)
    assert window.current_client_id() is not None
    client = window.context.services.clients.get(window.current_client_id())
    assert (client.code, client.display_name, client.planned_sessions) == ("NT-03", "Noa Test", 16)
    settled(qtbot, window)
    assert window.workspace.client_view.title.text() == "NT-03"  # privacy view: no name


def test_a_duplicate_code_shows_the_field_error_and_saves_nothing(
        qtbot: QtBot, window: MainWindow) -> None:
    form = window.workspace.new_client()
    qtbot.keyClicks(form.code, "rb-07")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.form.error("code") != "")
    assert form.isVisible()
    assert form.form.error("code") == "Another client already has the code rb-07."
    assert len(window.context.services.clients.list_clients()) == 2


def test_an_impossible_date_and_an_empty_code_are_refused(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    form = window.workspace.new_client()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.form.error("code") == "Give the client a code (a pseudonym).")
    qtbot.keyClicks(form.code, "ZZ-01")
    qtbot.keyClicks(form.intake, "2026-02-30")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "not possible" in form.form.error("intake_date")
    assert len(window.context.services.clients.list_clients()) == 2


def test_search_as_you_type_and_the_status_filter(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.workspace.clients
    assert shown_codes(window) == ["KL-12", "RB-07"]
    qtbot.keyClicks(panel.search, "rb")
    assert shown_codes(window) == ["RB-07"]
    panel.search.clear()
    panel.status.setCurrentIndex(panel.status.findText("Paused"))
    assert shown_codes(window) == ["KL-12"]
    qtbot.keyClicks(panel.search, "zz")
    assert panel.empty.isVisible()
    assert panel.empty.text() == "No client matches this search or filter."


def test_names_appear_only_with_the_privacy_view_off(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.workspace.clients
    assert panel.table.isColumnHidden(ClientColumn.NAME)
    qtbot.keyClicks(panel.search, "robin")
    assert shown_codes(window) == []  # names are not searchable while hidden
    window.privacy_action.trigger()
    assert not panel.table.isColumnHidden(ClientColumn.NAME)
    assert shown_codes(window) == ["RB-07"]
    assert panel.proxy.index(0, ClientColumn.NAME).data() == "Robin Example"
    panel.table.selectRow(0)
    settled(qtbot, window)
    assert window.workspace.client_view.title.text() == "RB-07 · Robin Example"
    window.privacy_action.trigger()
    assert window.workspace.client_view.title.text() == "RB-07"


def test_close_and_reopen_a_client(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.workspace.clients
    qtbot.keyClicks(panel.search, "RB")
    panel.table.selectRow(0)
    client_id = window.current_client_id()
    dialogs.preset("confirm", True)
    window.workspace.set_client_status("closed")
    window.context.operations.drain()
    assert window.context.services.clients.get(client_id).status == "closed"
    assert window.current_client_id() == client_id  # still shown, the filter widened
    window.workspace.set_client_status("active")
    window.context.operations.drain()
    assert window.context.services.clients.get(client_id).status == "active"


def test_cancelling_the_close_question_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.workspace.clients.table.selectRow(0)
    client_id = window.current_client_id()
    dialogs.preset("confirm", False)
    window.workspace.set_client_status("closed")
    window.context.operations.drain()
    assert window.context.services.clients.get(client_id).status != "closed"
