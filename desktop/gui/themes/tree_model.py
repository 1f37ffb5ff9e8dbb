"""The taxonomy as a tree of categories and themes, for the theme editor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from db.services.theme_dto import CategoryDTO, TaxonomyDTO, ThemeDTO
from desktop.gui.themes.swatch import swatch

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class Node:
    item: CategoryDTO | ThemeDTO | None  # None: the invisible root
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    @property
    def visible(self) -> bool:
        """Shown without "Show archived": neither it nor anything above it archived."""
        item = self.item
        if isinstance(item, ThemeDTO):
            return item.offered
        return item is None or item.active


class ThemeTreeModel(QAbstractItemModel):
    class Column(IntEnum):
        NAME = 0
        KEY = 1
        MARKS = 2

    HEADERS = {Column.NAME: "Theme", Column.KEY: "Key", Column.MARKS: "Marks"}
    IdRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2  # "category" or "theme"
    ItemRole = Qt.ItemDataRole.UserRole + 3  # the DTO

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._root = Node(None)
        self._nodes: dict[uuid.UUID, Node] = {}
        self.client_codes: dict[uuid.UUID, str] = {}

    def set_rows(self, taxonomy: TaxonomyDTO, show_archived: bool = False,
                 client_codes: dict[uuid.UUID, str] | None = None) -> None:
        self.beginResetModel()
        self.client_codes = dict(client_codes or {})
        self._root = Node(None)
        self._nodes = {}

        def add(node: Node, item: CategoryDTO | ThemeDTO) -> Node:
            child = Node(item, node)
            if show_archived or child.visible:
                node.children.append(child)
                self._nodes[item.id] = child
            return child

        def themes(node: Node, category_id: uuid.UUID, parent_id: uuid.UUID | None) -> None:
            for theme in taxonomy.themes_in(category_id, parent_id):
                themes(add(node, theme), category_id, theme.id)

        def categories(node: Node, parent_id: uuid.UUID | None) -> None:
            for category in taxonomy.subcategories(parent_id):
                child = add(node, category)
                themes(child, category.id, None)
                categories(child, category.id)

        categories(self._root, None)
        self.endResetModel()

    def index_of(self, item_id: uuid.UUID) -> QModelIndex:
        node = self._nodes.get(item_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def item(self, index: Index) -> CategoryDTO | ThemeDTO | None:
        return self._node(index).item if index.isValid() else None

    def _node(self, index: Index) -> Node:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, Node)
        return node

    # --- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if not 0 <= row < len(node.children) or not 0 <= column < len(self.Column):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.Column):
            return self.HEADERS[self.Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        item = node.item
        assert item is not None
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.Column.NAME \
                and isinstance(item, ThemeDTO):
            return swatch(item.color, faded=not node.visible)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(not node.visible)
            font.setBold(isinstance(item, CategoryDTO) and item.parent_id is None)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not node.visible:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = item.definition if isinstance(item, ThemeDTO) else item.description
            return text or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.Column.MARKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return item.id
        if role == self.KindRole:
            return "theme" if isinstance(item, ThemeDTO) else "category"
        if role == self.ItemRole:
            return item
        return None

    def _display(self, item: CategoryDTO | ThemeDTO, column: Column) -> str:
        if column == self.Column.KEY:
            return item.key or ""
        if column == self.Column.MARKS:
            return str(item.mark_count) if isinstance(item, ThemeDTO) and item.mark_count else ""
        name = item.name
        if isinstance(item, ThemeDTO):
            if item.client_id is not None:
                name += f"  (pattern of {self.client_codes.get(item.client_id, 'a client')})"
            if item.merged_into_id is not None:
                target = self._nodes.get(item.merged_into_id)
                into = target.item.name if target and target.item else "another theme"
                return f"{name}  (merged into {into})"
        return f"{name}  (archived)" if item.archived_at is not None else name
