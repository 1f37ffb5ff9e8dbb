"""The quick theme picker: type to filter, arrows to move, Enter to mark.

A small popup over a flat list of the themes offered for this session; every word typed
must appear in the theme's name, category path, key or definition. The best match comes
first: a name that starts with what was typed, then a name with a word that does, then a
name holding it, then the rest (path or definition). Enter marks with the row highlighted
at that moment; when nothing matches, the picker offers to create the theme. Intensity is 2 (clear)
unless changed with the buttons or Ctrl+1/2/3; an optional comment holds the evidence.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.services.marks import INTENSITIES
from desktop.gui.common.style import muted
from desktop.gui.themes.suggested_row import SuggestedRow
from desktop.gui.themes.theme_list_model import ThemeChoice, ThemeListModel

Index = QModelIndex | QPersistentModelIndex
HINT = "Enter marks · Esc cancels"
HINT_SUGGESTED = "Enter marks · Alt+1–3 marks a suggestion · Esc cancels"


class WordFilter(QSortFilterProxyModel):
    """Keeps rows whose search text contains every typed word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_words(self, text: str) -> None:
        self._words = text.casefold().split()
        # The order depends on the words, so every row is sorted again: a filter change
        # alone keeps the rows already shown in their old order, and ``sort(0)`` on the
        # column already sorted does nothing ("drea" put Autistic fantasy first).
        self.invalidate()
        if self.sortColumn() != 0:
            self.sort(0)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        search = self.sourceModel().index(row, 0, parent).data(ThemeListModel.SearchRole) or ""
        return all(word in search for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        """Names that start with what was typed come first; otherwise the tree's order."""
        return (self._rank(left), left.row()) < (self._rank(right), right.row())

    def _rank(self, index: Index) -> int:
        return rank(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), self._words)


def rank(name: str, words: list[str]) -> int:
    """0: the name starts with the words typed; 1: each word starts a word of the name;
    2: each is inside the name; 3: found in the path, key or definition only."""
    if not words:
        return 0
    name = name.casefold()
    if name.startswith(" ".join(words)):
        return 0
    parts = name.replace("/", " ").replace("-", " ").split()
    if all(any(part.startswith(word) for part in parts) for word in words):
        return 1
    return 2 if all(word in name for word in words) else 3


class ChoiceDelegate(QStyledItemDelegate):
    """The theme's name, and its category path in the muted colour on the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        path = index.data(Qt.ItemDataRole.StatusTipRole) or ""
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (QPalette.ColorRole.HighlightedText if selected
                else QPalette.ColorRole.PlaceholderText)
        painter.setPen(option.palette.color(role))
        name_width = option.fontMetrics.horizontalAdvance(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        font = option.font
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        rect: QRect = option.rect.adjusted(0, 0, -6, 0)
        room = rect.width() - name_width - option.decorationSize.width() - 24
        if room > 40:  # the path gives way (elided at its start) to the theme's name
            path = QFontMetrics(font).elidedText(path, Qt.TextElideMode.ElideLeft, room)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             path)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), 24))


class ThemePicker(QFrame):
    """Signals: ``picked(uuid.UUID, int, str)`` — theme id, intensity, comment."""

    picked = Signal(object, int, str)
    create_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Choose a theme")
        self.title = QLabel("Mark with a theme", self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to find a theme…")
        self.filter.setAccessibleName("Find a theme")
        self.filter.setClearButtonEnabled(True)
        self.model = ThemeListModel(self)
        self.proxy = WordFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(ChoiceDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Themes")
        self.suggested = SuggestedRow(self)
        self.suggested.chosen.connect(self._suggestion_chosen)
        self.intensity = QButtonGroup(self)
        intensity_row = QHBoxLayout()
        intensity_row.addWidget(QLabel("Intensity:", self))
        for value, word in INTENSITIES.items():
            button = QToolButton(self)
            button.setText(f"{value} {word}")
            button.setCheckable(True)
            button.setToolTip(f"Ctrl+{value}")
            self.intensity.addButton(button, value)
            intensity_row.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{value}"), self)
            shortcut.activated.connect(lambda b=button: b.setChecked(True))
        self.intensity.button(2).setChecked(True)
        intensity_row.addStretch(1)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText("Evidence (optional)")
        self.comment.setAccessibleName("Evidence")
        self.nothing = QLabel("No theme matches — create one?", self)
        self.nothing.setAccessibleName("No theme matches")
        self.create_button = QToolButton(self)
        self.create_button.clicked.connect(self._create)
        nothing_row = QHBoxLayout()
        nothing_row.addWidget(self.nothing, 1)
        nothing_row.addWidget(self.create_button)
        self.hint = muted(HINT, self, wrap=False)  # greyed out, it was 1.6:1 (unreadable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.filter)
        layout.addWidget(self.suggested)
        layout.addWidget(self.list, 1)
        layout.addLayout(nothing_row)
        layout.addLayout(intensity_row)
        layout.addWidget(self.comment)
        layout.addWidget(self.hint)
        self.resize(420, 420)
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self.comment.returnPressed.connect(self.accept)
        self.filter.returnPressed.connect(self.accept)
        self.list.activated.connect(lambda _: self.accept())

    def set_choices(self, rows: list[ThemeChoice]) -> None:
        self.model.set_rows(rows)
        self._filter(self.filter.text())

    def set_suggestions(self, rows: list[ThemeChoice]) -> None:
        """The suggested themes for this passage (none: the row is hidden). They are
        shown, never chosen: the list's row and what Enter marks do not change."""
        self.suggested.set_choices(rows)
        self.hint.setText(HINT_SUGGESTED if rows else HINT)

    def popup(self, at: QPoint, title: str = "Mark with a theme") -> None:
        """Show below ``at`` (global coordinates), empty and ready for typing."""
        self.title.setText(title)
        self.filter.clear()
        self.comment.clear()
        self.intensity.button(2).setChecked(True)
        self.move(at)
        self.show()
        self.filter.setFocus()

    def current_theme(self) -> uuid.UUID | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        theme_id = index.data(ThemeListModel.ThemeIdRole)
        return theme_id if isinstance(theme_id, uuid.UUID) else None

    def accept(self) -> None:
        """Mark with the highlighted row, the one shown now; with no match, offer to create."""
        if not self.proxy.rowCount():
            if self.filter.text().strip():
                self._create()
            return
        theme_id = self.current_theme()
        if theme_id is None:
            return
        self.hide()
        self.picked.emit(theme_id, self.intensity.checkedId(), self.comment.text().strip())

    def _suggestion_chosen(self, theme_id: uuid.UUID) -> None:
        self.hide()
        self.picked.emit(theme_id, self.intensity.checkedId(), self.comment.text().strip())

    def _create(self) -> None:
        name = " ".join(self.filter.text().split())
        if name:
            self.hide()
            self.create_requested.emit(name)

    def _filter(self, text: str) -> None:
        self.proxy.set_words(text)
        found = bool(self.proxy.rowCount())
        if found:  # the best guess is always ready for Enter
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.list.setCurrentIndex(QModelIndex())
        self.list.setVisible(found or not text.strip())
        self.nothing.setVisible(not found and bool(text.strip()))
        self.create_button.setVisible(self.nothing.isVisibleTo(self))
        self.create_button.setText(f"Create “{' '.join(text.split())}”…")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down in the filter field move through the list."""
        if watched is self.filter and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = self.list.currentIndex().row()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            new = max(0, min(self.proxy.rowCount() - 1, row + step))
            self.list.setCurrentIndex(self.proxy.index(new, 0))
            return True
        return super().eventFilter(watched, event)
