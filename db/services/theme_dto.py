"""Frozen values of the theme taxonomy: what the theme services hand out and take back.

Every editing operation returns an :class:`EditResult` whose ``inverse`` is another edit
value; applying it with ``ThemeService.apply`` undoes the operation and returns the edit
that redoes it. The GUI keeps these on its undo stack; nothing here is a live ORM object.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from db.errors import ThreadlineError
from db.taxonomy.tree import ancestry, one


class ArchiveNeedsConfirmation(ThreadlineError):
    """Archiving would hide a category whose themes are marked in sessions; ask first.

    ``mark_count`` is how many marks use themes of that category; call again with
    ``confirm=True`` once the clinician agreed.
    """

    def __init__(self, name: str, mark_count: int) -> None:
        noun = "mark" if mark_count == 1 else "marks"
        super().__init__(f"“{name}” has {mark_count} {noun} in sessions; they keep their "
                         "history, but its themes will no longer be offered. Archive it?")
        self.mark_count = mark_count


@dataclass(frozen=True)
class CategoryDTO:
    id: uuid.UUID
    key: str | None
    parent_id: uuid.UUID | None
    name: str
    description: str
    source: str
    position: int
    archived_at: datetime | None
    active: bool  # neither it nor a category above it is archived


@dataclass(frozen=True)
class ThemeDTO:
    id: uuid.UUID
    key: str | None  # shipped themes only; stable forever
    category_id: uuid.UUID
    parent_id: uuid.UUID | None
    client_id: uuid.UUID | None  # set for a client-specific recurring pattern
    name: str
    definition: str
    source: str
    color: str
    dmrs_level: int | None
    ccrt_component: str | None
    position: int
    archived_at: datetime | None
    merged_into_id: uuid.UUID | None
    offered: bool  # may be chosen for a new mark (not archived, merged or hidden above)
    mark_count: int = 0


@dataclass(frozen=True)
class TaxonomyDTO:
    """The vault's whole taxonomy, each list in display order (by position)."""

    categories: tuple[CategoryDTO, ...]
    themes: tuple[ThemeDTO, ...]

    def theme(self, theme_id: uuid.UUID) -> ThemeDTO:
        return one(self.themes, lambda t: t.id, theme_id)

    def category(self, category_id: uuid.UUID) -> CategoryDTO:
        return one(self.categories, lambda c: c.id, category_id)

    def by_key(self, key: str) -> ThemeDTO:
        return one(self.themes, lambda t: t.key, key)

    def subcategories(self, parent_id: uuid.UUID | None) -> tuple[CategoryDTO, ...]:
        return tuple(c for c in self.categories if c.parent_id == parent_id)

    def themes_in(self, category_id: uuid.UUID,
                  parent_id: uuid.UUID | None = None) -> tuple[ThemeDTO, ...]:
        return tuple(t for t in self.themes
                     if t.category_id == category_id and t.parent_id == parent_id)

    def path(self, category_id: uuid.UUID) -> tuple[CategoryDTO, ...]:
        """The category and those above it, root first."""
        chain = ancestry(self.category(category_id),
                         lambda c: self.category(c.parent_id) if c.parent_id else None)
        return tuple(reversed(chain))


@dataclass(frozen=True)
class ThemeInput:
    """A new theme (or a client's recurring pattern when ``client_id`` is set)."""

    name: str
    category_id: uuid.UUID
    parent_id: uuid.UUID | None = None
    client_id: uuid.UUID | None = None
    definition: str = ""
    color: str | None = None  # None: the colour of the parent theme or a neutral grey


@dataclass(frozen=True)
class CategoryInput:
    name: str
    parent_id: uuid.UUID | None = None
    description: str = ""


# --- edits: each one's inverse is again an edit -----------------------------------------


@dataclass(frozen=True)
class SetTheme:
    """Set every editable field of a theme (rename, recolour, re-describe, move)."""

    theme_id: uuid.UUID
    name: str
    definition: str
    color: str
    category_id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    dmrs_level: int | None
    ccrt_component: str | None


@dataclass(frozen=True)
class SetCategory:
    category_id: uuid.UUID
    name: str
    description: str
    parent_id: uuid.UUID | None
    position: int


@dataclass(frozen=True)
class SetArchived:
    """Archive (a time) or bring back (``None``) a theme or a category."""

    kind: str  # "theme" or "category"
    target_id: uuid.UUID
    archived_at: datetime | None
    confirm: bool = True


@dataclass(frozen=True)
class CreateTheme:
    id: uuid.UUID
    key: str | None
    category_id: uuid.UUID
    parent_id: uuid.UUID | None
    client_id: uuid.UUID | None
    name: str
    definition: str
    source: str
    color: str
    dmrs_level: int | None
    ccrt_component: str | None
    position: int
    archived_at: datetime | None


@dataclass(frozen=True)
class DeleteTheme:
    theme_id: uuid.UUID


@dataclass(frozen=True)
class CreateCategory:
    id: uuid.UUID
    key: str | None
    parent_id: uuid.UUID | None
    name: str
    description: str
    source: str
    position: int
    archived_at: datetime | None


@dataclass(frozen=True)
class DeleteCategory:
    category_id: uuid.UUID


@dataclass(frozen=True)
class Merge:
    source_id: uuid.UUID
    target_id: uuid.UUID


@dataclass(frozen=True)
class Unmerge:
    """Exactly what a merge moved, so undoing it moves back only those."""

    source_id: uuid.UUID
    target_id: uuid.UUID
    mark_ids: tuple[uuid.UUID, ...]
    episode_refs: tuple[tuple[uuid.UUID, str], ...]  # (episode id, component field)
    child_ids: tuple[uuid.UUID, ...]
    archived_at: datetime | None


@dataclass(frozen=True)
class Batch:
    """Several edits applied as one, in order (a move that carries sub-themes along).

    Its inverse lists the inverses in the *same* order, which is right for the one kind of
    batch there is: each edit moves a theme before the themes under it.
    """

    edits: tuple[ThemeEdit, ...]


ThemeEdit = (SetTheme | SetCategory | SetArchived | CreateTheme | DeleteTheme | CreateCategory
             | DeleteCategory | Merge | Unmerge | Batch)


@dataclass(frozen=True)
class EditResult:
    """A done edit: ``label`` names it for an Undo menu, ``inverse`` undoes it."""

    label: str
    inverse: ThemeEdit
    theme_id: uuid.UUID | None = None
    category_id: uuid.UUID | None = None
