"""The vault's categories and themes as the analytics see them: groups and merge targets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Theme, ThemeCategory
from db.taxonomy.tree import ancestry


@dataclass(frozen=True)
class CategoryInfo:
    id: uuid.UUID
    key: str | None
    name: str
    parent_id: uuid.UUID | None
    position: int


@dataclass(frozen=True)
class ThemeInfo:
    id: uuid.UUID
    key: str | None
    name: str
    color: str
    category_id: uuid.UUID
    dmrs_level: int | None
    ccrt_component: str | None
    archived: bool
    merged_into_id: uuid.UUID | None


class TaxonomyIndex:
    """Every category and theme of the vault, read once per unit of work."""

    def __init__(self, categories: list[CategoryInfo], themes: list[ThemeInfo]) -> None:
        self.categories = {c.id: c for c in categories}
        self.themes = {t.id: t for t in themes}
        self._root_cache: dict[uuid.UUID, CategoryInfo] = {}

    @classmethod
    def load(cls, session: Session) -> TaxonomyIndex:
        categories = [
            CategoryInfo(*row) for row in session.execute(select(
                ThemeCategory.id, ThemeCategory.key, ThemeCategory.name,
                ThemeCategory.parent_id, ThemeCategory.position))
        ]
        themes = [
            ThemeInfo(tid, key, name, color, cat, level, comp, archived is not None, merged)
            for tid, key, name, color, cat, level, comp, archived, merged in session.execute(
                select(Theme.id, Theme.key, Theme.name, Theme.color, Theme.category_id,
                       Theme.dmrs_level, Theme.ccrt_component, Theme.archived_at,
                       Theme.merged_into_id))
        ]
        return cls(categories, themes)

    def target(self, theme: uuid.UUID | ThemeInfo) -> ThemeInfo:
        """The theme a mark counts for: itself, or the end of its chain of merges."""
        if isinstance(theme, uuid.UUID):
            theme = self.themes[theme]
        return ancestry(theme, lambda t: self.themes.get(t.merged_into_id)
                        if t.merged_into_id else None)[-1]

    def root(self, category_id: uuid.UUID) -> CategoryInfo:
        """The top-level category a category belongs to."""
        cached = self._root_cache.get(category_id)
        if cached is not None:
            return cached
        category = ancestry(self.categories[category_id], lambda c: self.categories[c.parent_id]
                            if c.parent_id else None)[-1]
        self._root_cache[category_id] = category
        return category

    def tree_order(self) -> dict[uuid.UUID, tuple[int, ...]]:
        """A sort key per category: its path of positions from the root, then its name."""
        order: dict[uuid.UUID, tuple[int, ...]] = {}
        by_parent: dict[uuid.UUID | None, list[CategoryInfo]] = {}
        for category in self.categories.values():
            by_parent.setdefault(category.parent_id, []).append(category)
        stack: list[tuple[uuid.UUID | None, tuple[int, ...]]] = [(None, ())]
        while stack:
            parent, path = stack.pop()
            children = sorted(by_parent.get(parent, []), key=lambda c: (c.position, c.name))
            for index, child in enumerate(children):
                if child.id in order:
                    continue
                order[child.id] = (*path, index)
                stack.append((child.id, (*path, index)))
        return order
