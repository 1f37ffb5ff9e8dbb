"""A client's sessions as a table model, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from db.services.dto import SessionDTO
from desktop.gui.common.dates import short_date
from desktop.gui.common.dto_table import Column, DtoTableModel
from desktop.gui.common.labels import ATTENDANCE_LABELS


class SessionColumn(IntEnum):
    DATE = 0
    NUMBER = 1
    ATTENDANCE = 2
    THEMES = 3


def _chips_tooltip(session: SessionDTO) -> str | None:
    return "\n".join(f"{c.name} ({'●' * c.intensity})" for c in session.chips) or None


_COLUMNS: dict[SessionColumn, Column[SessionDTO]] = {
    SessionColumn.DATE: Column(
        "Date", lambda s: short_date(s.date),
        tooltip=lambda s: f"{s.date:%A}, session {s.number}, {s.duration_minutes} min"),
    SessionColumn.NUMBER: Column("No.", lambda s: s.number, numeric=True),
    SessionColumn.ATTENDANCE: Column(
        "Attendance", lambda s: ATTENDANCE_LABELS.get(s.attendance, s.attendance)),
    SessionColumn.THEMES: Column(
        "Themes", lambda s: ", ".join(chip.name for chip in s.chips), tooltip=_chips_tooltip),
}


class SessionsModel(DtoTableModel[SessionDTO]):
    """Rows are :class:`SessionDTO`, newest first (by date, then number)."""

    SessionIdRole = Qt.ItemDataRole.UserRole + 1
    ChipsRole = Qt.ItemDataRole.UserRole + 2
    FinalizedRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__([_COLUMNS[c] for c in SessionColumn], parent, key=lambda s: s.id)

    def set_rows(self, rows: Sequence[SessionDTO]) -> None:
        super().set_rows(sorted(rows, key=lambda s: (s.date, s.number), reverse=True))

    def update_row(self, session: SessionDTO) -> bool:
        """Replace one row in place (e.g. after an autosave); False if it is not shown or
        its place in the order changed, in which case the caller reloads the list."""
        row = self.row_of(session.id)
        if row < 0:
            return False
        old = self.row(row)
        if (old.date, old.number) != (session.date, session.number):
            return False
        return super().update_row(session)

    def session(self, row: int) -> SessionDTO:
        return self.row(row)

    def role_data(self, row: SessionDTO, column: int, role: int) -> Any:
        if role == self.SessionIdRole:
            return row.id
        if role == self.ChipsRole:
            return row.chips
        if role == self.FinalizedRole:
            return row.finalized_at is not None
        return None
