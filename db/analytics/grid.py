"""The timeline grid: one row per theme that occurs, one column per attended session.

Loaded with three small queries (the client's sessions, their marks, the taxonomy) and
aggregated in one pass; the rules are in ``docs/timeline.md``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.analytics.dto import (
    CategoryGroup,
    Cell,
    RowOrder,
    SessionColumn,
    ThemeRow,
    Timeline,
    TimelineFilter,
)
from db.analytics.taxonomy import TaxonomyIndex
from db.models import Client, Mark, TherapySession
from db.services.base import get_or_404

PREVIEW_WORDS = 10
PREVIEW_CHARS = 90
_ANCHOR_TEXT_READ = 400  # the preview never needs more of a passage than this


def preview(text: str | None) -> str:
    """The first words of a passage, for a tooltip: at most 10 words or 90 characters."""
    if not text:
        return ""
    words = text.split()
    short = " ".join(words[:PREVIEW_WORDS])
    if len(short) > PREVIEW_CHARS:
        short = short[:PREVIEW_CHARS].rsplit(" ", 1)[0] or short[:PREVIEW_CHARS]
    return short + ("…" if short != " ".join(words) else "")


@dataclass
class _CellBuilder:
    intensity: int = 0
    passage_marks: int = 0
    first_passage: tuple[int, int, str] | None = None  # (note order, start, text)

    def add(self, intensity: int, anchored: bool, note_order: int, start: int,
            text: str | None) -> None:
        self.intensity = max(self.intensity, intensity)
        if anchored:
            self.passage_marks += 1
            candidate = (note_order, start, text or "")
            if self.first_passage is None or candidate[:2] < self.first_passage[:2]:
                self.first_passage = candidate


@dataclass
class _RowBuilder:
    cells: dict[int, _CellBuilder] = field(default_factory=lambda: defaultdict(_CellBuilder))


def load_timeline(session: Session, client_id: uuid.UUID,
                  order: RowOrder = RowOrder.APPEARANCE) -> Timeline:
    """The complete grid of a client, archived themes included (flagged ``archived``).

    Raises :class:`~db.errors.NotFound` if the client does not exist.
    """
    client = get_or_404(session, Client, client_id)
    sessions = tuple(
        SessionColumn(sid, number, day) for sid, number, day in session.execute(
            select(TherapySession.id, TherapySession.number, TherapySession.date)
            .where(TherapySession.client_id == client_id,
                   TherapySession.attendance == "attended")
            .order_by(TherapySession.number))
    )
    column_of = {column.session_id: index for index, column in enumerate(sessions)}
    taxonomy = TaxonomyIndex.load(session)
    builders: dict[uuid.UUID, _RowBuilder] = defaultdict(_RowBuilder)
    marks = session.execute(
        select(Mark.session_id, Mark.theme_id, Mark.intensity, Mark.note_kind,
               Mark.anchor_start, Mark.anchor_lost_at,
               func.substr(Mark.anchor_text, 1, _ANCHOR_TEXT_READ))
        .join(TherapySession, TherapySession.id == Mark.session_id)
        .where(TherapySession.client_id == client_id,
               TherapySession.attendance == "attended")
    )
    for sid, theme_id, intensity, note_kind, start, lost_at, text in marks:
        target = taxonomy.target(theme_id)
        anchored = start is not None and lost_at is None
        builders[target.id].cells[column_of[sid]].add(
            intensity, anchored, 0 if note_kind in (None, "process") else 1, start or 0, text)
    rows = [_row(taxonomy, theme_id, builder) for theme_id, builder in builders.items()]
    return arrange(Timeline(client.id, client.code, sessions, (), ()), rows, taxonomy, order)


def _row(taxonomy: TaxonomyIndex, theme_id: uuid.UUID, builder: _RowBuilder) -> ThemeRow:
    theme = taxonomy.themes[theme_id]
    category = taxonomy.categories[theme.category_id]
    group = taxonomy.root(theme.category_id)
    cells = tuple(
        Cell(column, b.intensity, b.passage_marks,
             preview(b.first_passage[2]) if b.first_passage else "",
             b.first_passage[1] if b.first_passage else None)
        for column, b in sorted(builder.cells.items())
    )
    return ThemeRow(theme.id, theme.key, theme.name, theme.color, category.id, category.name,
                    group.id, group.key, group.name, theme.dmrs_level, theme.ccrt_component,
                    theme.archived, cells)


def arrange(base: Timeline, rows: list[ThemeRow], taxonomy: TaxonomyIndex,
            order: RowOrder) -> Timeline:
    """Group rows under their top-level category (in tree order) and order each group."""
    tree = taxonomy.tree_order()
    grouped: dict[uuid.UUID, list[ThemeRow]] = defaultdict(list)
    for row in rows:
        grouped[row.group_id].append(row)

    def row_key(row: ThemeRow) -> tuple[object, ...]:
        first = row.cells[0].column if row.cells else 0
        if order is RowOrder.FREQUENCY:
            return (-len(row.cells), first, row.name.casefold())
        return (first, -len(row.cells), row.name.casefold())

    ordered: list[ThemeRow] = []
    groups: list[CategoryGroup] = []
    for group_id in sorted(grouped, key=lambda g: (tree.get(g, ()), taxonomy.categories[g].name)):
        members = sorted(grouped[group_id], key=row_key)
        start = len(ordered)
        ordered.extend(members)
        category = taxonomy.categories[group_id]
        groups.append(CategoryGroup(group_id, category.key, category.name,
                                    tuple(range(start, len(ordered)))))
    return replace(base, rows=tuple(ordered), groups=tuple(groups), order=order)


def apply_filter(timeline: Timeline, chosen: TimelineFilter, *, rows_too: bool = True
                 ) -> Timeline:
    """The part of a timeline the clinician chose to see.

    The date range and "include archived" always apply. With ``rows_too`` the category,
    theme and minimum-intensity choices also apply: they narrow what the grid shows, while
    the analytics beside it keep every row of the chosen sessions (``rows_too=False``).
    Columns are renumbered to the sessions kept; groups keep their order.
    """
    keep = [index for index, column in enumerate(timeline.sessions)
            if (chosen.date_from is None or column.date >= chosen.date_from)
            and (chosen.date_to is None or column.date <= chosen.date_to)]
    new_index = {old: new for new, old in enumerate(keep)}
    rows: list[ThemeRow] = []
    group_rows: dict[uuid.UUID, list[int]] = defaultdict(list)
    for row in timeline.rows:
        if row.archived and not chosen.include_archived:
            continue
        min_intensity = chosen.min_intensity if rows_too else 1
        if rows_too and chosen.categories is not None and row.group_id not in chosen.categories:
            continue
        if rows_too and chosen.themes is not None and row.theme_id not in chosen.themes:
            continue
        cells = tuple(replace(cell, column=new_index[cell.column]) for cell in row.cells
                      if cell.column in new_index and cell.intensity >= min_intensity)
        if not cells:
            continue
        group_rows[row.group_id].append(len(rows))
        rows.append(replace(row, cells=cells))
    groups = tuple(CategoryGroup(g.category_id, g.key, g.name, tuple(group_rows[g.category_id]))
                   for g in timeline.groups if group_rows.get(g.category_id))
    return replace(timeline, sessions=tuple(timeline.sessions[i] for i in keep),
                   rows=tuple(rows), groups=groups)
