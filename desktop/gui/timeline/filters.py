"""The bar above the timeline: what to show and how to lay it out."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QToolButton,
    QWidget,
)

from db.analytics.dto import RowOrder, Timeline, TimelineFilter
from desktop.gui.timeline.layout import XMode


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class _CheckMenu(QToolButton):
    """A drop-down of checkable entries; ``None`` from :meth:`chosen` means all."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setText(title)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._ids: dict[uuid.UUID, QAction] = {}

    def set_entries(self, entries: list[tuple[uuid.UUID, str]]) -> None:
        """Offer ``entries``, all chosen."""
        menu = self.menu()
        menu.clear()
        self._ids = {}
        for ident, name in entries:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._toggled)
            self._ids[ident] = action
        self._label()

    def chosen(self) -> frozenset[uuid.UUID] | None:
        if not self._ids:
            return None
        picked = frozenset(i for i, a in self._ids.items() if a.isChecked())
        return None if len(picked) == len(self._ids) else picked

    def _toggled(self) -> None:
        self._label()
        self.changed.emit()

    def _label(self) -> None:
        picked = self.chosen()
        self.setText(self._title if picked is None else f"{self._title} ({len(picked)})")


class FilterBar(QWidget):
    """Signals: ``changed()`` when any choice changes; read :meth:`current`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = self.row = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.categories = _CheckMenu("Categories")
        self.themes = _CheckMenu("Themes")
        self.use_dates = QCheckBox("From")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
        self.min_intensity = QComboBox()
        self.min_intensity.addItems(["Any intensity", "Intensity ≥ 2", "Intensity 3 only"])
        self.archived = QCheckBox("Archived themes")
        self.order = QComboBox()
        self.order.addItem("By first appearance", RowOrder.APPEARANCE)
        self.order.addItem("By frequency", RowOrder.FREQUENCY)
        self.x_mode = QComboBox()
        self.x_mode.addItem("Session number", XMode.SESSION)
        self.x_mode.addItem("Calendar date", XMode.DATE)
        for widget in (self.categories, self.themes, self.use_dates, self.date_from,
                       QLabel("to"), self.date_to, self.min_intensity, self.archived):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(QLabel("Rows"))
        layout.addWidget(self.order)
        layout.addWidget(QLabel("Axis"))
        layout.addWidget(self.x_mode)
        self.categories.changed.connect(self.changed)
        self.themes.changed.connect(self.changed)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.min_intensity.currentIndexChanged.connect(self.changed)
        self.archived.toggled.connect(self.changed)
        self.order.currentIndexChanged.connect(self.changed)
        self.x_mode.currentIndexChanged.connect(self.changed)

    def forget_client(self) -> None:
        """Drop the choices that belonged to the previous client (no signal)."""
        for widget in (self.categories, self.themes, self.use_dates):
            widget.blockSignals(True)
        self.categories.set_entries([])
        self.themes.set_entries([])
        self.use_dates.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for widget in (self.categories, self.themes, self.use_dates):
            widget.blockSignals(False)

    def set_timeline(self, timeline: Timeline) -> None:
        """Offer the categories and themes of a client's full timeline."""
        for widget in (self.categories, self.themes):
            widget.blockSignals(True)
        self.categories.set_entries([(g.category_id, g.name) for g in timeline.groups])
        self.themes.set_entries([(r.theme_id, r.name + (" (archived)" if r.archived else ""))
                                 for r in timeline.rows])
        for widget in (self.categories, self.themes):
            widget.blockSignals(False)
        if timeline.sessions:
            first, last = timeline.sessions[0].date, timeline.sessions[-1].date
            for edit in (self.date_from, self.date_to):
                edit.blockSignals(True)
                edit.setDateRange(_qdate(first), _qdate(last))
            self.date_from.setDate(_qdate(first))
            self.date_to.setDate(_qdate(last))
            for edit in (self.date_from, self.date_to):
                edit.blockSignals(False)

    def current(self) -> TimelineFilter:
        dates = self.use_dates.isChecked()
        return TimelineFilter(
            categories=self.categories.chosen(), themes=self.themes.chosen(),
            date_from=_pydate(self.date_from.date()) if dates else None,
            date_to=_pydate(self.date_to.date()) if dates else None,
            min_intensity=self.min_intensity.currentIndex() + 1,
            include_archived=self.archived.isChecked())

    def row_order(self) -> RowOrder:
        return RowOrder(self.order.currentData())

    def axis_mode(self) -> XMode:
        return XMode(self.x_mode.currentData())

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.changed.emit()


def scrolling(bar: QWidget) -> QScrollArea:
    """``bar`` in a row that scrolls sideways when the window is narrow, so a long filter
    row never makes the window wider than the screen (1366 pixels beside the marks panel)."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(bar)
    area.setFixedHeight(bar.sizeHint().height()
                        + area.horizontalScrollBar().sizeHint().height())
    return area
