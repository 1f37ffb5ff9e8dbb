"""One table model for rows of frozen DTOs: the columns are data, the model is the same.

A view says what each column shows with :class:`Column` (its header, the text of a cell,
an optional tooltip, whether it holds a number) and gets a read-only model that passes
Qt's model tester. Roles of its own go in :meth:`DtoTableModel.role_data`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Roles as plain ints: a view asks ``data`` a dozen roles per cell at every paint, and
# looking an enum member up costs more than the answer (docs/performance-notes.md).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_USER = int(Qt.ItemDataRole.UserRole)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """What one column shows of a row."""

    header: str
    display: Callable[[Row], object]
    tooltip: Callable[[Row], object] | None = None
    numeric: bool = False  # right-aligned, as numbers are


class DtoTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of frozen DTOs, kept in the order given, shown through ``columns``.

    ``key`` names a row (usually its id) for :meth:`row_of` and :meth:`update_row`.
    """

    RowRole = Qt.ItemDataRole.UserRole  # the row's DTO itself

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None, *,
                 key: Callable[[Row], Hashable] | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Row:
        return self._rows[number]

    def row_of(self, key: Hashable) -> int:
        """The row whose ``key`` is ``key``, or -1."""
        if self._key is None:
            raise TypeError("this model was made without a key")
        return next((i for i, row in enumerate(self._rows) if self._key(row) == key), -1)

    def update_row(self, row: Row) -> bool:
        """Replace the row with the same key in place; False if it is not shown."""
        assert self._key is not None
        number = self.row_of(self._key(row))
        if number < 0:
            return False
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self._columns) - 1))
        return True

    def refresh_column(self, column: int) -> None:
        """Say that every cell of ``column`` may show something else now."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role < _USER and role not in (_DISPLAY, _TOOLTIP, _ALIGNMENT):
            return None  # font, colours, size… : the view's own (most of what is asked)
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        row, column = self._rows[number], self._columns[index.column()]
        if role == _DISPLAY:
            return column.display(row)
        if role == _TOOLTIP:
            return column.tooltip(row) if column.tooltip is not None else None
        if role == _ALIGNMENT:
            return RIGHT if column.numeric else None
        if role == _USER:
            return row
        return self.role_data(row, index.column(), role)

    def role_data(self, row: Row, column: int, role: int) -> Any:
        """What a role of a subclass's own gives for a cell (None: nothing)."""
        return None
