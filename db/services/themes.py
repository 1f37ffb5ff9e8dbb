"""The theme editor's service: read the taxonomy, edit it, undo edits.

Every editing method opens one unit of work and returns ``Outcome[EditResult]``; the
result's ``inverse`` is an edit value that :meth:`ThemeService.apply` turns back (and that
call returns the edit that redoes it). Archived and merged themes keep their marks and
stay visible in past sessions; they are only no longer *offered* for new marks.

How other code finds a shipped theme: by its stable key (``dmrs.humor``,
``ccrt.w.be_loved``), with :meth:`ThemeService.ids_by_key` or ``taxonomy().by_key``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.clock import utcnow
from db.errors import ValidationError
from db.models import Client, Mark, Theme, ThemeCategory, TherapySession
from db.services import theme_edits as edits
from db.services.base import DatabaseProvider, get_or_404
from db.services.dto import Changed, Outcome
from db.services.theme_dto import (
    Batch,
    CategoryDTO,
    CategoryInput,
    CreateCategory,
    CreateTheme,
    DeleteCategory,
    DeleteTheme,
    EditResult,
    Merge,
    SetArchived,
    SetCategory,
    SetTheme,
    TaxonomyDTO,
    ThemeDTO,
    ThemeEdit,
    ThemeInput,
    Unmerge,
)
from db.taxonomy.seed import recorded_revision

NEUTRAL_COLOR = "#888888"
THEMES_CHANGED = Changed(themes=True)


def load_taxonomy_dto(session: Session) -> TaxonomyDTO:
    categories = list(session.scalars(select(ThemeCategory).order_by(ThemeCategory.position,
                                                                     ThemeCategory.name)))
    by_id = {c.id: c for c in categories}
    active = {c.id: edits.category_is_active(c, by_id.get) for c in categories}
    themes = list(session.scalars(select(Theme).order_by(Theme.position, Theme.name)))
    theme_by_id = {t.id: t for t in themes}
    counts: dict[uuid.UUID, int] = {
        theme_id: n for theme_id, n in session.execute(
            select(Mark.theme_id, func.count()).group_by(Mark.theme_id))}

    return TaxonomyDTO(
        tuple(CategoryDTO(c.id, c.key, c.parent_id, c.name, c.description, c.source, c.position,
                          c.archived_at, active[c.id]) for c in categories),
        tuple(ThemeDTO(t.id, t.key, t.category_id, t.parent_id, t.client_id, t.name,
                       t.definition, t.source, t.color, t.dmrs_level, t.ccrt_component,
                       t.position, t.archived_at, t.merged_into_id,
                       edits.is_offered(t, theme_by_id.get, by_id.get),
                       counts.get(t.id, 0)) for t in themes),
    )


LABELS = {
    SetTheme: "Edit theme", SetCategory: "Edit category", SetArchived: "Archive",
    CreateTheme: "Add theme", DeleteTheme: "Delete theme", CreateCategory: "Add category",
    DeleteCategory: "Delete category", Merge: "Merge themes", Unmerge: "Undo merge",
    Batch: "Move theme",
}


class ThemeService:
    def __init__(self, vault: DatabaseProvider) -> None:
        self._vault = vault

    # --- reading --------------------------------------------------------------------------

    def taxonomy(self) -> TaxonomyDTO:
        """Every category and theme, archived and merged ones included."""
        with self._vault.database.read() as session:
            return load_taxonomy_dto(session)

    def applied_revision(self) -> int:
        """The shipped taxonomy revision this vault has taken in (0: none yet)."""
        with self._vault.database.read() as session:
            return recorded_revision(session)

    def theme(self, theme_id: uuid.UUID) -> ThemeDTO:
        try:
            return self.taxonomy().theme(theme_id)
        except KeyError:
            raise edits.NotFound from None

    def ids_by_key(self, keys: Iterable[str] | None = None) -> dict[str, uuid.UUID]:
        """Theme ids by stable key (all keyed themes when ``keys`` is None)."""
        with self._vault.database.read() as session:
            query = select(Theme.key, Theme.id).where(Theme.key.is_not(None))
            if keys is not None:
                query = query.where(Theme.key.in_(list(keys)))
            return {k: i for k, i in session.execute(query) if k is not None}

    def offered(self, client_id: uuid.UUID | None = None) -> list[ThemeDTO]:
        """Themes a clinician may choose for a new mark: general ones plus this client's."""
        return [t for t in self.taxonomy().themes
                if t.offered and (t.client_id is None or t.client_id == client_id)]

    def offered_for_session(self, session_id: uuid.UUID) -> list[ThemeDTO]:
        with self._vault.database.read() as session:
            client_id = get_or_404(session, TherapySession, session_id).client_id
        return self.offered(client_id)

    def patterns_for_client(self, client_id: uuid.UUID) -> list[ThemeDTO]:
        """The client's own recurring patterns, archived ones included."""
        return [t for t in self.taxonomy().themes if t.client_id == client_id]

    # --- the edit engine ----------------------------------------------------------------

    def apply(self, edit: ThemeEdit, label: str | None = None) -> Outcome[EditResult]:
        """Apply any edit (an inverse from an earlier result: undo, and redo)."""
        with self._vault.database.write() as session:
            inverse = edits.apply(session, edit)
        return Outcome(self._result(edit, inverse, label), THEMES_CHANGED)

    @staticmethod
    def _result(edit: ThemeEdit, inverse: ThemeEdit, label: str | None) -> EditResult:
        theme_id = getattr(edit, "theme_id", None) or getattr(edit, "source_id", None)
        if isinstance(edit, CreateTheme):
            theme_id = edit.id
        category_id = getattr(edit, "category_id", None)
        if isinstance(edit, SetArchived):
            theme_id = edit.target_id if edit.kind == "theme" else None
            category_id = edit.target_id if edit.kind == "category" else None
        if isinstance(edit, CreateCategory):
            category_id = edit.id
        if isinstance(edit, Batch) and edit.edits:
            theme_id = getattr(edit.edits[0], "theme_id", None)
        return EditResult(label or LABELS[type(edit)], inverse, theme_id, category_id)

    def _theme_edit(self, theme_id: uuid.UUID, label: str, **changes: object
                    ) -> Outcome[EditResult]:
        with self._vault.database.write() as session:
            row = get_or_404(session, Theme, theme_id)
            values = dict(name=row.name, definition=row.definition, color=row.color,
                          category_id=row.category_id, parent_id=row.parent_id,
                          position=row.position, dmrs_level=row.dmrs_level,
                          ccrt_component=row.ccrt_component)
            values.update(changes)
            edit = SetTheme(theme_id, **values)  # type: ignore[arg-type]
            inverse = edits.apply(session, edit)
        return Outcome(EditResult(label, inverse, theme_id), THEMES_CHANGED)

    # --- themes -----------------------------------------------------------------------

    def add_theme(self, data: ThemeInput) -> Outcome[EditResult]:
        """Add a theme; with ``client_id`` it is that client's recurring pattern."""
        with self._vault.database.write() as session:
            category_id = data.category_id
            color = data.color
            if data.parent_id is not None:
                parent = get_or_404(session, Theme, data.parent_id)
                category_id = parent.category_id
                color = color or parent.color
            if data.client_id is not None:
                get_or_404(session, Client, data.client_id)
            level, component = edits.family_of(session, category_id)
            edit = CreateTheme(
                uuid.uuid4(), None, category_id, data.parent_id, data.client_id, data.name,
                data.definition, "", color or NEUTRAL_COLOR, level, component,
                edits.next_theme_position(session, category_id, data.parent_id), None)
            inverse = edits.apply(session, edit)
        label = "Add pattern" if data.client_id else "Add theme"
        return Outcome(EditResult(label, inverse, edit.id), THEMES_CHANGED)

    def rename(self, theme_id: uuid.UUID, name: str) -> Outcome[EditResult]:
        return self._theme_edit(theme_id, "Rename theme", name=name)

    def recolour(self, theme_id: uuid.UUID, color: str) -> Outcome[EditResult]:
        return self._theme_edit(theme_id, "Recolour theme", color=color)

    def redescribe(self, theme_id: uuid.UUID, definition: str) -> Outcome[EditResult]:
        return self._theme_edit(theme_id, "Edit definition", definition=definition)

    def move(self, theme_id: uuid.UUID, category_id: uuid.UUID,
             parent_id: uuid.UUID | None = None) -> Outcome[EditResult]:
        """File a theme (with its sub-themes) under another category or theme.

        A theme moved under a DMRS level takes that level; moved under a CCRT component it
        takes that component; moved elsewhere it carries neither.
        """
        with self._vault.database.write() as session:
            edit = edits.move_edit(session, theme_id, category_id, parent_id)
            inverse = edits.apply(session, edit)
        return Outcome(EditResult("Move theme", inverse, theme_id), THEMES_CHANGED)

    def archive(self, theme_id: uuid.UUID) -> Outcome[EditResult]:
        """Stop offering a theme for new marks; its marks and history stay."""
        return self.apply(SetArchived("theme", theme_id, utcnow()), "Archive theme")

    def unarchive(self, theme_id: uuid.UUID) -> Outcome[EditResult]:
        return self.apply(SetArchived("theme", theme_id, None), "Restore theme")

    def merge(self, source_id: uuid.UUID, target_id: uuid.UUID) -> Outcome[EditResult]:
        """Move every mark and episode reference of ``source`` to ``target``.

        The source is archived and remembers where it went; its sub-themes move up to its
        parent. Refused: merging into itself, into an archived theme, a CCRT theme into
        another component, a general theme into a client's pattern.
        """
        return self.apply(Merge(source_id, target_id))

    def delete_theme(self, theme_id: uuid.UUID) -> Outcome[EditResult]:
        """Delete a theme that was never used (otherwise: archive it)."""
        return self.apply(DeleteTheme(theme_id))

    # --- categories ---------------------------------------------------------------------

    def add_category(self, data: CategoryInput) -> Outcome[EditResult]:
        with self._vault.database.write() as session:
            edit = CreateCategory(uuid.uuid4(), None, data.parent_id, data.name,
                                  data.description, "",
                                  edits.next_category_position(session, data.parent_id), None)
            inverse = edits.apply(session, edit)
        return Outcome(EditResult("Add category", inverse, None, edit.id), THEMES_CHANGED)

    def _category_edit(self, category_id: uuid.UUID, label: str,
                       **changes: object) -> Outcome[EditResult]:
        with self._vault.database.write() as session:
            row = get_or_404(session, ThemeCategory, category_id)
            values: dict[str, object] = dict(name=row.name, description=row.description,
                                             parent_id=row.parent_id, position=row.position)
            if "parent_id" in changes and changes["parent_id"] != row.parent_id:
                parent = changes["parent_id"]
                assert parent is None or isinstance(parent, uuid.UUID)
                values["position"] = edits.next_category_position(session, parent)
            values.update(changes)
            inverse = edits.apply(session, SetCategory(category_id, **values))  # type: ignore[arg-type]
        return Outcome(EditResult(label, inverse, None, category_id), THEMES_CHANGED)

    def rename_category(self, category_id: uuid.UUID, name: str) -> Outcome[EditResult]:
        return self._category_edit(category_id, "Rename category", name=name)

    def redescribe_category(self, category_id: uuid.UUID,
                            description: str) -> Outcome[EditResult]:
        return self._category_edit(category_id, "Edit description", description=description)

    def move_category(self, category_id: uuid.UUID,
                      parent_id: uuid.UUID | None) -> Outcome[EditResult]:
        return self._category_edit(category_id, "Move category", parent_id=parent_id)

    def archive_category(self, category_id: uuid.UUID, *,
                         confirm: bool = False) -> Outcome[EditResult]:
        """Hide a category and its themes from new marks.

        Raises :class:`~db.services.theme_dto.ArchiveNeedsConfirmation` when its themes are
        marked in sessions and ``confirm`` is false; the GUI asks, then calls again.
        """
        return self.apply(SetArchived("category", category_id, utcnow(), confirm),
                          "Archive category")

    def unarchive_category(self, category_id: uuid.UUID) -> Outcome[EditResult]:
        return self.apply(SetArchived("category", category_id, None), "Restore category")

    def delete_category(self, category_id: uuid.UUID) -> Outcome[EditResult]:
        return self.apply(DeleteCategory(category_id))

    def marks_in_category(self, category_id: uuid.UUID) -> int:
        with self._vault.database.read() as session:
            return edits.marks_in_category(session, category_id)


__all__ = ["ThemeService", "Unmerge", "ValidationError", "load_taxonomy_dto"]
