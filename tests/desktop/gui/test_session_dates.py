"""Dates are typed in the New session dialog as a clinician writes them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.common.date_text import month_table, parse_date
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.test_sessions import select_robin

TODAY = date(2026, 12, 3)


def typed_into(field: QWidget) -> QWidget:
    return field.focusProxy() or field


@pytest.mark.parametrize("typed", ["12.3.2025", "2025-03-12", "12 Mar 2025", "12/03/2025"])
def test_a_typed_date_is_saved(qtbot: QtBot, window: MainWindow, typed: str) -> None:
    """The date box only let the calendar or the arrow keys change the date."""
    select_robin(qtbot, window)
    form = window.workspace.new_session()
    assert form is not None
    target = typed_into(form.date)
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(target, typed)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    sessions = window.context.services.sessions.list_for_client(window.current_client_id())
    assert date(2025, 3, 12) in [s.date for s in sessions]


def test_a_date_that_is_not_one_is_refused_with_a_sentence(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    select_robin(qtbot, window)
    form = window.workspace.new_session()
    assert form is not None
    target = typed_into(form.date)
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(target, "31.2.2025")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "Type a date such as" in form.form.error("date")
    assert form.isVisible()
    assert len(window.context.services.sessions.list_for_client(
        window.current_client_id())) == 2


def test_the_calendar_sits_beside_the_field(qtbot: QtBot, window: MainWindow) -> None:
    select_robin(qtbot, window)
    form = window.workspace.new_session()
    assert form is not None
    form.date.show_calendar()
    qtbot.waitUntil(form.date.popup.isVisible)
    form.date.calendar.clicked.emit(form.date.calendar.selectedDate().addDays(-1))
    assert not form.date.popup.isVisible()
    assert form.date.value() == date.fromordinal(date.today().toordinal() - 1)


@pytest.mark.parametrize(("typed", "day_first", "expected"), [
    ("12.3.2025", True, date(2025, 3, 12)), ("12.3.2025", False, date(2025, 3, 12)),
    ("2025-03-12", False, date(2025, 3, 12)), ("12 Mar", True, date(2026, 3, 12)),
    ("Mar 12, 2025", False, date(2025, 3, 12)), ("3/12/25", False, date(2025, 3, 12)),
    ("3/12/25", True, date(2025, 12, 3)), ("12.3.", True, date(2026, 3, 12)),
    ("12. März 2025", True, date(2025, 3, 12)), ("yesterday", True, date(2026, 12, 2)),
    ("Wed 12 Mar 2025", True, date(2025, 3, 12)),
    ("31.2.2025", True, None), ("soon", True, None), ("", True, None), ("12", True, None),
])
def test_the_ways_of_writing_a_date(typed: str, day_first: bool,
                                    expected: date | None) -> None:
    german = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "dezember")
    months = month_table(*german)
    assert parse_date(typed, TODAY, day_first=day_first, months=months) == expected
