"""A flat list of themes to choose from (the quick picker, the episode dialog)."""

from __future__ import annotations

import uuid
from enum import IntEnum

from PySide6.QtCore import Qt

from db.services.theme_dto import TaxonomyDTO, ThemeDTO
from desktop.gui.themes.row_list_model import Index, RowListModel
from desktop.gui.themes.swatch import swatch


class ThemeChoice:
    """A theme with the path of categories it sits in, as the picker shows it."""

    __slots__ = ("path", "search", "theme")

    def __init__(self, theme: ThemeDTO, path: str) -> None:
        self.theme = theme
        self.path = path
        self.search = " ".join([theme.name, path, theme.key or "", theme.definition]).casefold()


def choices(taxonomy: TaxonomyDTO, themes: list[ThemeDTO]) -> list[ThemeChoice]:
    """Themes with their category paths ("Defenses (DMRS) › Disavowal"), in tree order."""
    order: dict[uuid.UUID, int] = {}

    def visit(parent: uuid.UUID | None) -> None:
        for category in taxonomy.subcategories(parent):
            order[category.id] = len(order)
            visit(category.id)

    visit(None)
    result = []
    for theme in themes:
        path = " › ".join(c.name for c in taxonomy.path(theme.category_id))
        if theme.parent_id is not None:
            path += " › " + taxonomy.theme(theme.parent_id).name
        result.append(ThemeChoice(theme, path))
    result.sort(key=lambda c: (order.get(c.theme.category_id, 0), c.path, c.theme.position,
                               c.theme.name))
    return result


class ThemeListModel(RowListModel):
    class Column(IntEnum):
        NAME = 0

    ThemeIdRole = Qt.ItemDataRole.UserRole + 1
    SearchRole = Qt.ItemDataRole.UserRole + 2
    ColorRole = Qt.ItemDataRole.UserRole + 3

    def row_of(self, theme_id: uuid.UUID) -> int:
        return next((i for i, row in enumerate(self._rows) if row.theme.id == theme_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row: ThemeChoice | None = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.theme.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.path}\n{row.theme.definition}" if row.theme.definition else row.path
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(row.theme.color)
        if role == self.ThemeIdRole:
            return row.theme.id
        if role == self.SearchRole:
            return row.search
        if role == self.ColorRole:
            return row.theme.color
        if role == Qt.ItemDataRole.StatusTipRole:
            return row.path
        return None
