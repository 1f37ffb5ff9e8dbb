"""A date field that takes what is typed (see ``date_text``), with a calendar beside it.

The typed text is read in the system locale (day or month first, its month names); once
the field is left, it shows the date it understood, so a misreading is seen at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.gui.common.date_text import month_table, parse_date

SHOWN = "ddd d MMM yyyy"
HINT = "Type a date such as 12.3.2025, 2025-03-12 or 12 Mar."


def locale_reading(locale: QLocale | None = None) -> tuple[bool, dict[str, int]]:
    """Whether the locale writes the day before the month, and its month names."""
    locale = locale or QLocale.system()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat).lower()
    day_first = pattern.find("d") < pattern.find("m")
    names = [locale.monthName(m, QLocale.FormatType.LongFormat) for m in range(1, 13)]
    short = [locale.monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)]
    table = month_table(*names)
    for number, name in enumerate(short, start=1):
        table.setdefault(name.lower().rstrip("."), number)
    return day_first, table


class DateField(QWidget):
    """Signals: ``date_changed(date)`` when a valid date is typed or picked."""

    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = QLocale.system()
        self._day_first, self._months = locale_reading(self._locale)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("e.g. 12.3.2025 or 12 Mar")
        self.text.setToolTip(HINT)
        self.text.editingFinished.connect(self._tidy)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        self.popup = QMenu(self)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(self.calendar)
        self.popup.addAction(holder)
        self.button = QToolButton(self)
        self.button.setText("Calendar…")
        self.button.setAccessibleName("Choose the date on a calendar")
        self.button.setToolTip("Choose the date on a calendar")
        self.button.clicked.connect(self.show_calendar)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.text)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        super().setAccessibleName(name)
        self.text.setAccessibleName(name)

    def value(self) -> date | None:
        """The date typed, or ``None`` if the text is not a date."""
        return parse_date(self.text.text(), date.today(), day_first=self._day_first,
                          months=self._months)

    def set_value(self, day: date) -> None:
        self.text.setText(self._locale.toString(QDate(day.year, day.month, day.day), SHOWN))

    def show_calendar(self) -> None:
        day = self.value() or date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.popup.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def _picked(self, picked: QDate) -> None:
        self.popup.hide()
        day = date(picked.year(), picked.month(), picked.day())
        self.set_value(day)
        self.date_changed.emit(day)

    def _tidy(self) -> None:
        day = self.value()
        if day is not None:
            self.set_value(day)
            self.date_changed.emit(day)
