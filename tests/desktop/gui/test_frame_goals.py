"""Treatment frame and goals: add a goal, and a periodic review in one dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.test_sessions import select_robin


def test_add_a_goal_and_review_it(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    frame = window.workspace.client_view.frame
    assert window.workspace.client_view.tabs.currentWidget() is frame
    assert frame.modality.text() == "Long-term psychodynamic"
    assert frame.empty.isVisible()
    dialogs.preset("text", "Sleep through the night")
    qtbot.mouseClick(frame.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: frame.goals.topLevelItemCount() == 1)
    dialog = frame.review()
    assert dialog is not None
    dialog.day.setDate(QDate(2026, 4, 1))
    goal, status, note = dialog.rows[0]
    status.setCurrentIndex(status.findData("progressing"))
    qtbot.keyClicks(note, "Wakes once, settles again.")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    client = window.context.services.clients.get(window.current_client_id())
    assert client.goals[0].status == "progressing"
    review = client.goals[0].reviews[0]
    assert (review.reviewed_on, review.note) == (date(2026, 4, 1), "Wakes once, settles again.")
    qtbot.waitUntil(lambda: frame.goals.topLevelItem(0).text(1) == "Progressing")
    item = frame.goals.topLevelItem(0)
    assert item.child(0).text(0) == "1 Apr 2026: Wakes once, settles again."


def test_an_empty_goal_is_not_added(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    frame = window.workspace.client_view.frame
    dialogs.preset("text", None)
    frame.add_goal()
    assert window.context.services.clients.get(window.current_client_id()).goals == ()
