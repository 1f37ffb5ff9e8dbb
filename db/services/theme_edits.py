"""Apply one taxonomy edit inside a unit of work and return the edit that undoes it.

Every function here validates before it writes, so a refused edit changes nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.errors import NotFound, ValidationError
from db.models import Mark, RelationalEpisode, Theme, ThemeCategory
from db.services.base import get_or_404
from db.services.theme_dto import (
    ArchiveNeedsConfirmation,
    Batch,
    CreateCategory,
    CreateTheme,
    DeleteCategory,
    DeleteTheme,
    Merge,
    SetArchived,
    SetCategory,
    SetTheme,
    ThemeEdit,
    Unmerge,
)
from db.taxonomy.schema import CCRT_COMPONENT_OF_CATEGORY
from db.taxonomy.tree import ancestry
from db.vocabulary import Ccrt

__all__ = ["NotFound", "apply"]

COLOR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_NAME = 120
MAX_DEFINITION = 1000
EPISODE_FIELDS = {Ccrt.WISH: "wish_theme_id",
                  Ccrt.RESPONSE_OF_OTHER: "response_of_other_theme_id",
                  Ccrt.RESPONSE_OF_SELF: "response_of_self_theme_id"}
#: The second and third category of each component (migration 0006).
EPISODE_MORE_FIELDS = {Ccrt.WISH: ("wish_theme_2_id", "wish_theme_3_id"),
                       Ccrt.RESPONSE_OF_OTHER: ("response_of_other_theme_2_id",
                                                "response_of_other_theme_3_id"),
                       Ccrt.RESPONSE_OF_SELF: ("response_of_self_theme_2_id",
                                               "response_of_self_theme_3_id")}
ALL_EPISODE_FIELDS = (*EPISODE_FIELDS.values(),
                      *(f for more in EPISODE_MORE_FIELDS.values() for f in more))
_LEVEL_KEY = re.compile(r"dmrs\.l([1-7])")


def apply(session: Session, edit: ThemeEdit) -> ThemeEdit:
    """Apply ``edit``; return its inverse. Raises ``ValidationError``/``NotFound``."""
    if isinstance(edit, Batch):
        # Kept in the same order, not reversed: a batch moves a theme before its
        # sub-themes, and its inverse must move the theme back before them too.
        return Batch(tuple(apply(session, e) for e in edit.edits))
    if isinstance(edit, SetTheme):
        return _set_theme(session, edit)
    if isinstance(edit, SetCategory):
        return _set_category(session, edit)
    if isinstance(edit, SetArchived):
        return _set_archived(session, edit)
    if isinstance(edit, CreateTheme):
        return _create_theme(session, edit)
    if isinstance(edit, DeleteTheme):
        return _delete_theme(session, edit.theme_id)
    if isinstance(edit, CreateCategory):
        return _create_category(session, edit)
    if isinstance(edit, DeleteCategory):
        return _delete_category(session, edit.category_id)
    if isinstance(edit, Merge):
        return _merge(session, edit.source_id, edit.target_id)
    return _unmerge(session, edit)


# --- reading helpers ------------------------------------------------------------------


def clean_name(name: str, what: str = "theme") -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(f"Give the {what} a name.", field="name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"A {what} name has at most {MAX_NAME} characters.", field="name")
    return name


def clean_color(color: str) -> str:
    if COLOR.fullmatch(color.strip()) is None:
        raise ValidationError("A colour is written as #rrggbb.", field="color")
    return color.strip().lower()


def clean_definition(text: str) -> str:
    text = text.strip()
    if len(text) > MAX_DEFINITION:
        raise ValidationError(f"A definition has at most {MAX_DEFINITION} characters.",
                              field="definition")
    return text


def category_chain(session: Session, category_id: uuid.UUID) -> list[ThemeCategory]:
    """The category and every category above it, nearest first."""
    def parent(category: ThemeCategory) -> ThemeCategory | None:
        return get_or_404(session, ThemeCategory, category.parent_id) \
            if category.parent_id else None

    return ancestry(get_or_404(session, ThemeCategory, category_id), parent)


def family_of(session: Session, category_id: uuid.UUID) -> tuple[int | None, str | None]:
    """The DMRS level and CCRT component a theme filed in this category carries."""
    level: int | None = None
    component: str | None = None
    for category in category_chain(session, category_id):
        key = category.key or ""
        match = _LEVEL_KEY.fullmatch(key)
        if match and level is None:
            level = int(match[1])
        if key in CCRT_COMPONENT_OF_CATEGORY and component is None:
            component = CCRT_COMPONENT_OF_CATEGORY[key]
    return level, component


def theme_descendants(session: Session, theme_id: uuid.UUID) -> list[Theme]:
    found: list[Theme] = []
    frontier = [theme_id]
    while frontier:
        children = list(session.scalars(select(Theme).where(Theme.parent_id.in_(frontier))))
        found.extend(children)
        frontier = [c.id for c in children]
    return found


def category_descendant_ids(session: Session, category_id: uuid.UUID) -> list[uuid.UUID]:
    """The category and all categories below it."""
    found = [category_id]
    frontier = [category_id]
    while frontier:
        frontier = list(session.scalars(
            select(ThemeCategory.id).where(ThemeCategory.parent_id.in_(frontier))))
        found.extend(frontier)
    return found


def next_theme_position(session: Session, category_id: uuid.UUID,
                        parent_id: uuid.UUID | None) -> int:
    query = select(func.max(Theme.position)).where(Theme.category_id == category_id)
    query = query.where(Theme.parent_id.is_(None) if parent_id is None
                        else Theme.parent_id == parent_id)
    highest = session.scalar(query)
    return 0 if highest is None else highest + 1


def next_category_position(session: Session, parent_id: uuid.UUID | None) -> int:
    query = select(func.max(ThemeCategory.position)).where(
        ThemeCategory.parent_id.is_(None) if parent_id is None
        else ThemeCategory.parent_id == parent_id)
    highest = session.scalar(query)
    return 0 if highest is None else highest + 1


def _theme_snapshot(row: Theme) -> SetTheme:
    return SetTheme(row.id, row.name, row.definition, row.color, row.category_id, row.parent_id,
                    row.position, row.dmrs_level, row.ccrt_component)


def _check_sibling_name(session: Session, name: str, row_id: uuid.UUID,
                        category_id: uuid.UUID, parent_id: uuid.UUID | None,
                        client_id: uuid.UUID | None) -> None:
    query = select(Theme.name).where(
        Theme.category_id == category_id, Theme.id != row_id, Theme.archived_at.is_(None),
        Theme.parent_id.is_(None) if parent_id is None else Theme.parent_id == parent_id,
        Theme.client_id.is_(None) if client_id is None else Theme.client_id == client_id)
    if any(other.casefold() == name.casefold() for other in session.scalars(query)):
        raise ValidationError(f"There is already a theme called “{name}” here.", field="name")


# --- themes ---------------------------------------------------------------------------


def _set_theme(session: Session, edit: SetTheme) -> ThemeEdit:
    row = get_or_404(session, Theme, edit.theme_id)
    name = clean_name(edit.name)
    color = clean_color(edit.color)
    definition = clean_definition(edit.definition)
    get_or_404(session, ThemeCategory, edit.category_id)
    if edit.parent_id is not None:
        parent = get_or_404(session, Theme, edit.parent_id)
        below = {t.id for t in theme_descendants(session, row.id)}
        if parent.id == row.id or parent.id in below:
            raise ValidationError("A theme cannot be placed under itself.", field="parent")
        if parent.category_id != edit.category_id:
            raise ValidationError("A sub-theme belongs to the category of its parent.",
                                  field="parent")
    _check_sibling_name(session, name, row.id, edit.category_id, edit.parent_id, row.client_id)
    inverse = _theme_snapshot(row)
    row.name, row.definition, row.color = name, definition, color
    row.category_id, row.parent_id, row.position = edit.category_id, edit.parent_id, edit.position
    row.dmrs_level, row.ccrt_component = edit.dmrs_level, edit.ccrt_component
    session.flush()
    return inverse


def move_edit(session: Session, theme_id: uuid.UUID, category_id: uuid.UUID,
              parent_id: uuid.UUID | None) -> Batch:
    """The edit that files a theme (and its sub-themes) under another category or theme."""
    row = get_or_404(session, Theme, theme_id)
    if parent_id is not None:
        category_id = get_or_404(session, Theme, parent_id).category_id
    level, component = family_of(session, category_id)
    edits = [SetTheme(row.id, row.name, row.definition, row.color, category_id, parent_id,
                      next_theme_position(session, category_id, parent_id), level, component)]
    edits += [SetTheme(c.id, c.name, c.definition, c.color, category_id, c.parent_id,
                       c.position, level, component) for c in theme_descendants(session, row.id)]
    return Batch(tuple(edits))


def _create_theme(session: Session, edit: CreateTheme) -> ThemeEdit:
    name = clean_name(edit.name)
    get_or_404(session, ThemeCategory, edit.category_id)
    if edit.parent_id is not None and \
            get_or_404(session, Theme, edit.parent_id).category_id != edit.category_id:
        raise ValidationError("A sub-theme belongs to the category of its parent.",
                              field="parent")
    _check_sibling_name(session, name, edit.id, edit.category_id, edit.parent_id,
                        edit.client_id)
    session.add(Theme(
        id=edit.id, key=edit.key, category_id=edit.category_id, parent_id=edit.parent_id,
        client_id=edit.client_id, name=name, definition=clean_definition(edit.definition),
        source=edit.source, color=clean_color(edit.color), dmrs_level=edit.dmrs_level,
        ccrt_component=edit.ccrt_component, position=edit.position,
        archived_at=edit.archived_at))
    session.flush()
    return DeleteTheme(edit.id)


def _delete_theme(session: Session, theme_id: uuid.UUID) -> ThemeEdit:
    row = get_or_404(session, Theme, theme_id)
    used = session.scalar(select(func.count()).select_from(Mark).where(Mark.theme_id == row.id))
    refs = session.scalar(select(func.count()).select_from(RelationalEpisode).where(
        or_(*(getattr(RelationalEpisode, f) == row.id for f in ALL_EPISODE_FIELDS))))
    if used or refs:
        raise ValidationError("This theme is used in sessions; archive it instead.")
    if session.scalar(select(Theme.id).where(Theme.parent_id == row.id).limit(1)):
        raise ValidationError("This theme has sub-themes; move or delete them first.")
    inverse = CreateTheme(row.id, row.key, row.category_id, row.parent_id, row.client_id,
                          row.name, row.definition, row.source, row.color, row.dmrs_level,
                          row.ccrt_component, row.position, row.archived_at)
    session.execute(update(Theme).where(Theme.merged_into_id == row.id)
                    .values(merged_into_id=None))
    session.delete(row)
    session.flush()
    return inverse


# --- categories -----------------------------------------------------------------------


def _check_category_name(session: Session, name: str, row_id: uuid.UUID,
                         parent_id: uuid.UUID | None) -> None:
    query = select(ThemeCategory.name).where(
        ThemeCategory.id != row_id, ThemeCategory.archived_at.is_(None),
        ThemeCategory.parent_id.is_(None) if parent_id is None
        else ThemeCategory.parent_id == parent_id)
    if any(other.casefold() == name.casefold() for other in session.scalars(query)):
        raise ValidationError(f"There is already a category called “{name}” here.",
                              field="name")


def _set_category(session: Session, edit: SetCategory) -> ThemeEdit:
    row = get_or_404(session, ThemeCategory, edit.category_id)
    name = clean_name(edit.name, "category")
    if edit.parent_id is not None:
        get_or_404(session, ThemeCategory, edit.parent_id)
        if edit.parent_id in category_descendant_ids(session, row.id):
            raise ValidationError("A category cannot be placed inside itself.", field="parent")
    _check_category_name(session, name, row.id, edit.parent_id)
    inverse = SetCategory(row.id, row.name, row.description, row.parent_id, row.position)
    row.name, row.description = name, clean_definition(edit.description)
    row.parent_id, row.position = edit.parent_id, edit.position
    session.flush()
    return inverse


def _create_category(session: Session, edit: CreateCategory) -> ThemeEdit:
    name = clean_name(edit.name, "category")
    if edit.parent_id is not None:
        get_or_404(session, ThemeCategory, edit.parent_id)
    _check_category_name(session, name, edit.id, edit.parent_id)
    session.add(ThemeCategory(id=edit.id, key=edit.key, parent_id=edit.parent_id, name=name,
                              description=clean_definition(edit.description),
                              source=edit.source, position=edit.position,
                              archived_at=edit.archived_at))
    session.flush()
    return DeleteCategory(edit.id)


def _delete_category(session: Session, category_id: uuid.UUID) -> ThemeEdit:
    row = get_or_404(session, ThemeCategory, category_id)
    if session.scalar(select(Theme.id).where(Theme.category_id == row.id).limit(1)) or \
            session.scalar(select(ThemeCategory.id).where(ThemeCategory.parent_id == row.id)
                           .limit(1)):
        raise ValidationError("Only an empty category can be deleted; archive it instead.")
    inverse = CreateCategory(row.id, row.key, row.parent_id, row.name, row.description,
                             row.source, row.position, row.archived_at)
    session.delete(row)
    session.flush()
    return inverse


# --- archiving ------------------------------------------------------------------------


def marks_in_category(session: Session, category_id: uuid.UUID) -> int:
    ids = category_descendant_ids(session, category_id)
    return session.scalar(select(func.count()).select_from(Mark).join(Theme)
                          .where(Theme.category_id.in_(ids))) or 0


def _set_archived(session: Session, edit: SetArchived) -> ThemeEdit:
    row: Theme | ThemeCategory
    if edit.kind == "theme":
        row = get_or_404(session, Theme, edit.target_id)
        if edit.archived_at is None and row.merged_into_id is not None:
            raise ValidationError("This theme was merged into another; undo the merge instead.")
    elif edit.kind == "category":
        row = get_or_404(session, ThemeCategory, edit.target_id)
        if edit.archived_at is not None and not edit.confirm:
            count = marks_in_category(session, row.id)
            if count:
                raise ArchiveNeedsConfirmation(row.name, count)
    else:
        raise ValueError(f"unknown kind {edit.kind!r}")
    inverse = SetArchived(edit.kind, row.id, row.archived_at)
    row.archived_at = edit.archived_at
    session.flush()
    return inverse


# --- merging --------------------------------------------------------------------------


def _merge(session: Session, source_id: uuid.UUID, target_id: uuid.UUID) -> ThemeEdit:
    if source_id == target_id:
        raise ValidationError("A theme cannot be merged into itself.", field="target")
    source = get_or_404(session, Theme, source_id)
    target = get_or_404(session, Theme, target_id)
    if source.merged_into_id is not None:
        raise ValidationError("This theme was already merged into another.")
    if target.archived_at is not None or target.merged_into_id is not None:
        raise ValidationError("Merge into a theme that is not archived.", field="target")
    if target.client_id is not None and target.client_id != source.client_id:
        raise ValidationError("Only the same client's patterns can be merged into a "
                              "client's pattern.", field="target")
    if source.ccrt_component and source.ccrt_component != target.ccrt_component:
        raise ValidationError("A CCRT theme can only be merged into one of the same component "
                              "(wish, response of other, response of self).", field="target")
    if target.id in {t.id for t in theme_descendants(session, source.id)}:
        raise ValidationError("Merge a sub-theme into its parent, not the other way round.",
                              field="target")
    mark_ids = tuple(session.scalars(select(Mark.id).where(Mark.theme_id == source.id)))
    session.execute(update(Mark).where(Mark.id.in_(mark_ids)).values(theme_id=target.id))
    refs: list[tuple[uuid.UUID, str]] = []
    for field in ALL_EPISODE_FIELDS:
        column = getattr(RelationalEpisode, field)
        ids = list(session.scalars(select(RelationalEpisode.id).where(column == source.id)))
        refs += [(i, field) for i in ids]
        session.execute(update(RelationalEpisode).where(RelationalEpisode.id.in_(ids))
                        .values({field: target.id}))
    children = tuple(session.scalars(select(Theme.id).where(Theme.parent_id == source.id)))
    session.execute(update(Theme).where(Theme.id.in_(children))
                    .values(parent_id=source.parent_id))
    inverse = Unmerge(source.id, target.id, mark_ids, tuple(refs), children, source.archived_at)
    source.merged_into_id = target.id
    source.archived_at = source.archived_at or utcnow()
    session.flush()
    return inverse


def _unmerge(session: Session, edit: Unmerge) -> ThemeEdit:
    source = get_or_404(session, Theme, edit.source_id)
    if source.merged_into_id != edit.target_id:
        raise NotFound("That merge was already undone.")
    session.execute(update(Mark).where(Mark.id.in_(edit.mark_ids), Mark.theme_id == edit.target_id)
                    .values(theme_id=source.id))
    for episode_id, field in edit.episode_refs:
        session.execute(update(RelationalEpisode).where(
            RelationalEpisode.id == episode_id,
            getattr(RelationalEpisode, field) == edit.target_id).values({field: source.id}))
    session.execute(update(Theme).where(Theme.id.in_(edit.child_ids))
                    .values(parent_id=source.id))
    source.merged_into_id = None
    source.archived_at = edit.archived_at
    session.flush()
    return Merge(source.id, edit.target_id)


def category_is_active(category: ThemeCategory,
                       category_of: Callable[[uuid.UUID], ThemeCategory | None]) -> bool:
    """Whether neither the category nor any category above it is archived.

    ``category_of`` finds a category by id: from the session, or from rows already read.
    """
    chain = ancestry(category, lambda c: category_of(c.parent_id) if c.parent_id else None)
    return all(c.archived_at is None for c in chain)


def is_offered(theme: Theme, theme_of: Callable[[uuid.UUID], Theme | None],
               category_of: Callable[[uuid.UUID], ThemeCategory | None]) -> bool:
    """Whether a theme may be chosen for a new mark: it, the themes above it and its
    categories are neither archived nor merged away. ``theme_of`` and ``category_of`` find
    a row by id, as in :func:`category_is_active`."""
    themes = ancestry(theme, lambda t: theme_of(t.parent_id) if t.parent_id else None)
    if any(t.archived_at is not None or t.merged_into_id is not None for t in themes):
        return False
    category = category_of(theme.category_id)
    return category is not None and category_is_active(category, category_of)


def theme_is_offered(session: Session, theme: Theme) -> bool:
    """:func:`is_offered`, looking the rows above ``theme`` up in ``session``."""
    return is_offered(theme, lambda i: session.get(Theme, i),
                      lambda i: session.get(ThemeCategory, i))
