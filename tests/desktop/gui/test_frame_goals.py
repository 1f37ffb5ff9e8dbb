"""Treatment frame and goals: add a goal, and a periodic review in one dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from tests.desktop.gui.test_sessions import select_robin


def test_add_a_goal_and_review_it(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    frame = window.workspace.client_view.frame
    assert window.workspace.client_view.tabs.currentWidget() is frame
    assert frame.modality.text() == "Long-term psychodynamic"
    assert frame.empty.isVisible()
    qtbot.mouseClick(frame.add_button, Qt.MouseButton.LeftButton)
    assert frame.goal_dialog is not None
    qtbot.keyClicks(frame.goal_dialog.text, "Sleep through the night")
    qtbot.mouseClick(frame.goal_dialog.save_button, Qt.MouseButton.LeftButton)
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
    frame.add_goal()
    dialog = frame.goal_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.text, "   ")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("Describe the goal" in label.text() and label.isVisible()
                                for label in dialog.findChildren(QLabel)))
    assert dialog.isVisible()
    assert window.context.services.clients.get(window.current_client_id()).goals == ()


LONG_GOAL = ("Notice the wish to please others before it decides for her, and say what she "
             "wants at work and with her sister without first checking that nobody minds")


def test_a_long_goal_is_typed_on_several_lines_and_shown_whole(
        qtbot: QtBot, window: MainWindow) -> None:
    """Goals were typed into a one-line box and listed cut off with "…"."""
    select_robin(qtbot, window)
    workspace = window.workspace
    workspace.show_frame()
    frame = workspace.client_view.frame
    qtbot.mouseClick(frame.add_button, Qt.MouseButton.LeftButton)
    dialog = frame.goal_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.text, LONG_GOAL)
    assert dialog.text.document().lineCount() >= 1
    assert dialog.text.height() >= 3 * dialog.text.fontMetrics().lineSpacing()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: frame.goals.topLevelItemCount() == 1)
    qtbot.wait(50)
    item = frame.goals.topLevelItem(0)
    assert item.text(0) == LONG_GOAL
    row = frame.goals.visualItemRect(item)
    line = frame.goals.fontMetrics().lineSpacing()
    assert row.height() >= 2 * line  # wrapped onto several lines, not elided
    width = frame.goals.header().sectionSize(0)
    assert frame.goals.fontMetrics().horizontalAdvance(LONG_GOAL) > width
