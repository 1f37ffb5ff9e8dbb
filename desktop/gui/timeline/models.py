"""Table models of the analytics panels: thin adapters over frozen DTOs.

Each model has its columns as an ``IntEnum`` and ``set_rows(list[DTO])``; custom roles
are class constants. The numbers shown are those of ``db.analytics.tables`` (CSV export).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from db.analytics.dto import CcrtSummary, CoOccurrence, PrevalenceRow, RecurrenceRow, ThemeRef
from db.analytics.tables import DECIMALS
from desktop.gui.common.dates import short_date
from desktop.gui.common.labels import CCRT_COMPONENT_LABELS

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
REEMERGED = QColor("#fdf0d5")


def percent(value: float | None) -> str:
    """A share as a whole percentage, from the value the reports print (rounded to
    ``DECIMALS`` places first): rounding the raw share and the printed one separately
    gave 1 % beside a printed 0.005 (a theme in 1 of 199 sessions)."""
    return "—" if value is None else f"{round(value, DECIMALS) * 100:.0f}%"


_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole})
_OTHER_ROLES = frozenset({
    Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _Table(QAbstractTableModel, Generic[T]):
    """Rows of one DTO type; subclasses say how each column shows a row."""

    #: The DTO of a row, for views that need more than the text.
    RowRole = Qt.ItemDataRole.UserRole + 1
    #: The value to sort by (numbers stay numbers).
    SortRole = Qt.ItemDataRole.UserRole + 2
    headers: tuple[str, ...] = ()
    #: Columns shown left-aligned (text); the others are numbers, right-aligned.
    text_columns: frozenset[int] = frozenset({0, 1})

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[T] = []
        self._texts: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
                return self.headers[section]
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell on every paint: answer the text from a
        # cache and everything unused at once.
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and (
                0 <= index.row() < len(self.rows)):
            return self.tooltip(self.rows[index.row()], index.column())
        if role in _TEXT_ROLES:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None and index.isValid() and 0 <= key[0] < len(self.rows):
                text = self._texts[key] = self.text(self.rows[key[0]], key[1])
            return text
        if role not in _OTHER_ROLES or not index.isValid() or not (
                0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role == self.RowRole:
            return row
        if role == self.SortRole:
            return self.sort_value(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if index.column() in self.text_columns else _RIGHT
        if role == Qt.ItemDataRole.DecorationRole:
            ref = self.theme_of(row) if index.column() == 0 else None
            return QColor(ref) if ref else None
        return self.extra(row, index.column(), role)

    def text(self, row: T, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: T, column: int) -> Any:
        return self.text(row, column)

    def tooltip(self, row: T, column: int) -> str:
        return self.text(row, column)

    def theme_of(self, row: T) -> str | None:
        return None

    def extra(self, row: T, column: int, role: int) -> Any:
        return None


class RecurrenceModel(_Table[RecurrenceRow]):
    """First and last seen by session number (the date in the tooltip, and in the CSV);
    the category is in the theme's tooltip, so the table fits beside the heat strip."""

    class Column(IntEnum):
        THEME = 0
        SESSIONS = 1
        FIRST = 2
        LAST = 3
        RUN = 4
        GAP = 5
        REEMERGED = 6

    headers = ("Theme", "Sessions", "First seen", "Last seen", "Longest run",
               "Longest gap", "Re-emerged")
    text_columns = frozenset({0, 6})

    def text(self, row: RecurrenceRow, column: int) -> str:
        K = self.Column  # noqa: N806
        if column == K.THEME:
            return row.name
        if column == K.FIRST:
            return str(row.first_number)
        if column == K.LAST:
            return str(row.last_number)
        if column == K.SESSIONS:
            return f"{row.sessions} ({percent(row.share)})"
        if column == K.RUN:
            return str(row.longest_run)
        if column == K.GAP:
            return str(row.longest_gap)
        back = row.latest_reemergence
        return f"at {back.number}, after {back.after_sessions}" if back else ""

    def tooltip(self, row: RecurrenceRow, column: int) -> str:
        K = self.Column  # noqa: N806
        if column == K.THEME:
            return f"{row.name} · {row.group_name}"
        if column == K.FIRST:
            return f"Session {row.first_number} · {short_date(row.first_date)}"
        if column == K.LAST:
            return f"Session {row.last_number} · {short_date(row.last_date)}"
        return self.text(row, column)

    def sort_value(self, row: RecurrenceRow, column: int) -> Any:
        K = self.Column  # noqa: N806
        c = K(column)
        numbers = {K.FIRST: row.first_number, K.LAST: row.last_number, K.SESSIONS: row.sessions,
                   K.RUN: row.longest_run, K.GAP: row.longest_gap,
                   K.REEMERGED: row.latest_reemergence.after_sessions
                   if row.latest_reemergence else -1}
        return numbers.get(c, self.text(row, column))

    def theme_of(self, row: RecurrenceRow) -> str | None:
        return row.color

    def extra(self, row: RecurrenceRow, column: int, role: int) -> Any:
        if (role == Qt.ItemDataRole.BackgroundRole and row.reemergences
                and column == self.Column.REEMERGED):
            return QBrush(REEMERGED)
        return None


@dataclass(frozen=True)
class CcrtLine:
    """One theme of one CCRT component, overall and in the first and last N episodes."""

    component: str
    theme: ThemeRef
    episodes: int
    pervasiveness: float
    first: float
    last: float
    top: bool

    @staticmethod
    def from_summary(summary: CcrtSummary) -> list[CcrtLine]:
        lines = []
        for component in summary.overall.components:
            first = {c.theme.theme_id: c.pervasiveness
                     for c in summary.first.component(component.component).counts}
            last = {c.theme.theme_id: c.pervasiveness
                    for c in summary.last.component(component.component).counts}
            for rank, count in enumerate(component.counts):
                lines.append(CcrtLine(component.component, count.theme, count.episodes,
                                      count.pervasiveness, first.get(count.theme.theme_id, 0.0),
                                      last.get(count.theme.theme_id, 0.0), rank == 0))
        return lines


COMPONENT_NAMES = CCRT_COMPONENT_LABELS


class CcrtModel(_Table[CcrtLine]):
    class Column(IntEnum):
        THEME = 0
        COMPONENT = 1
        EPISODES = 2
        PERVASIVENESS = 3
        FIRST = 4
        LAST = 5
        CHANGE = 6

    headers = ("Theme", "Component", "Episodes", "Share of episodes", "First N", "Last N",
               "Change")

    def set_n(self, n: int) -> None:
        self.headers = ("Theme", "Component", "Episodes", "Share of episodes", f"First {n}",
                        f"Last {n}", "Change")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def text(self, row: CcrtLine, column: int) -> str:
        K = self.Column  # noqa: N806
        c = K(column)
        change = round((row.last - row.first) * 100)
        return {
            K.THEME: row.theme.name, K.COMPONENT: COMPONENT_NAMES[row.component],
            K.EPISODES: str(row.episodes), K.PERVASIVENESS: percent(row.pervasiveness),
            K.FIRST: percent(row.first), K.LAST: percent(row.last),
            K.CHANGE: f"{change:+d} pts" if change else "±0",
        }[c]

    def sort_value(self, row: CcrtLine, column: int) -> Any:
        K = self.Column  # noqa: N806
        c = K(column)
        return {K.EPISODES: row.episodes, K.PERVASIVENESS: row.pervasiveness,
                K.FIRST: row.first, K.LAST: row.last,
                K.CHANGE: row.last - row.first}.get(c, self.text(row, column))

    def theme_of(self, row: CcrtLine) -> str | None:
        return row.theme.color

    def extra(self, row: CcrtLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.top:
            font = QFont()
            font.setBold(True)
            return font
        return None


@dataclass(frozen=True)
class MatrixLine:
    """One row theme of a co-occurrence matrix with its counts per column theme."""

    theme: ThemeRef
    counts: tuple[int, ...]
    expected: tuple[float, ...] = ()


class CoOccurrenceModel(_Table[MatrixLine]):
    """Rows: themes of the first category; columns: themes of the second (dynamic)."""

    class Column(IntEnum):
        THEME = 0  # then one column per theme of the second category

    text_columns = frozenset({0})
    SHORT_HEADER = 14

    def __init__(self) -> None:
        super().__init__()
        self.matrix: CoOccurrence | None = None
        self.highest = 0
        self.full_headers: tuple[str, ...] = ()

    @classmethod
    def short(cls, name: str) -> str:
        """"Criticized/mistreated" → "Criticized": factor names are long pairs."""
        head = name.split("/")[0]
        return head if len(head) <= cls.SHORT_HEADER else head[:cls.SHORT_HEADER - 1] + "…"

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.full_headers)):
            return self.full_headers[section]
        return super().headerData(section, orientation, role)

    def set_matrix(self, matrix: CoOccurrence) -> None:
        self.matrix = matrix
        self.full_headers = (matrix.row_category, *(t.name for t in matrix.columns))
        self.headers = (matrix.row_category, *(self.short(t.name) for t in matrix.columns))
        self.highest = max((max(c, default=0) for c in matrix.counts), default=0)
        expected = matrix.expected or tuple(() for _ in matrix.rows)
        self.set_rows([MatrixLine(t, c, e) for t, c, e in zip(matrix.rows, matrix.counts,
                                                             expected, strict=True)])

    def text(self, row: MatrixLine, column: int) -> str:
        """Observed, then (expected by chance), from ``db.analytics.cooccurrence``."""
        if column == self.Column.THEME:
            return self.short(row.theme.name)
        observed = row.counts[column - 1]
        if not row.expected:
            return str(observed)
        return f"{observed} ({row.expected[column - 1]:.1f})"

    def sort_value(self, row: MatrixLine, column: int) -> Any:
        return row.theme.name if column == self.Column.THEME else row.counts[column - 1]

    def tooltip(self, row: MatrixLine, column: int) -> str:
        if column == self.Column.THEME:
            return row.theme.name
        return f"{self.text(row, column)}: {row.theme.name} × {self.full_headers[column]}"

    def theme_of(self, row: MatrixLine) -> str | None:
        return row.theme.color

    def extra(self, row: MatrixLine, column: int, role: int) -> Any:
        if column == self.Column.THEME or not self.highest:
            return None
        value = row.counts[column - 1]
        if role == Qt.ItemDataRole.BackgroundRole and value:
            color = QColor("#2f6f8f")
            color.setAlphaF(0.12 + 0.78 * value / self.highest)
            return QBrush(color)
        if role == Qt.ItemDataRole.ForegroundRole and value > self.highest * 0.55:
            return QBrush(QColor("white"))
        return None


class CaseloadModel(_Table[PrevalenceRow]):
    """Ranked by the mean share of each active client's sessions with the theme."""

    class Column(IntEnum):
        THEME = 0
        CATEGORY = 1
        SESSION_SHARE = 2
        SESSIONS = 3
        CLIENTS = 4

    headers = ("Theme", "Category", "Share of sessions", "Sessions", "Clients")

    def text(self, row: PrevalenceRow, column: int) -> str:
        K = self.Column  # noqa: N806
        c = K(column)
        return {K.THEME: row.theme.name, K.CATEGORY: row.group_name,
                K.CLIENTS: f"{row.clients} ({percent(row.client_share)})",
                K.SESSIONS: str(row.sessions),
                K.SESSION_SHARE: percent(row.mean_session_share)}[c]

    def sort_value(self, row: PrevalenceRow, column: int) -> Any:
        K = self.Column  # noqa: N806
        c = K(column)
        return {K.CLIENTS: row.clients, K.SESSIONS: row.sessions,
                K.SESSION_SHARE: row.mean_session_share}.get(c, self.text(row, column))

    def theme_of(self, row: PrevalenceRow) -> str | None:
        return row.theme.color
