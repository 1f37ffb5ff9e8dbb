"""Sessions: newest first, pre-filled new session, duplicate numbers refused, editing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from desktop.gui.workspace.session_form import SessionForm
from desktop.gui.workspace.sessions_model import SessionColumn
from tests.desktop.gui.conftest import settled


def select_robin(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.workspace.clients.search, "RB-07")
    window.workspace.clients.table.selectRow(0)
    settled(qtbot, window)  # the client's sessions are read off the GUI thread


def test_sessions_are_listed_newest_first(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    model = window.workspace.client_view.sessions.model
    assert [model.index(r, SessionColumn.NUMBER).data() for r in range(2)] == [2, 1]
    assert model.index(0, SessionColumn.DATE).data() == "9 Mar 2026"
    assert model.index(0, SessionColumn.ATTENDANCE).data() == "Attended"


def test_new_session_is_prefilled_and_opens_the_note(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    window.context.apply(window.context.services.settings.update(default_session_minutes=45))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    forms = [f for f in window.workspace.findChildren(SessionForm) if f.isVisible()]
    assert len(forms) == 1
    form = forms[0]
    assert form.date.value() == date.today()
    assert form.number.value() == 3
    assert form.duration.value() == 45
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    sessions = window.context.services.sessions.list_for_client(window.current_client_id())
    assert [s.number for s in sessions][:1] == [3]
    assert sessions[0].date == date.today()
    settled(qtbot, window)
    assert window.workspace.editor.note is not None
    assert window.workspace.editor.note.number == 3


def test_a_second_session_with_the_same_number_is_refused(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    select_robin(qtbot, window)
    form = window.workspace.new_session()
    form.number.setValue(2)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.form.error("number") != "")
    assert form.isVisible()
    assert form.form.error("number") == "This client already has a session number 2."
    assert len(window.context.services.sessions.list_for_client(
        window.current_client_id())) == 2


def test_edit_a_session(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    window.workspace.client_view.sessions.table.selectRow(0)
    form = window.workspace.edit_session()
    form.attendance.setCurrentIndex(form.attendance.findData("no_show"))
    form.has_time.setChecked(True)
    form.time.setTime(form.time.time().fromString("14:30", "HH:mm"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    model = window.workspace.client_view.sessions.model
    qtbot.waitUntil(lambda: model.index(0, SessionColumn.ATTENDANCE).data() == "No-show")
    session = window.context.services.sessions.get(model.session(0).id)
    assert session.start_time is not None
    assert session.start_time.hour == 14
