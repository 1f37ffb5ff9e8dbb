"""The timeline grid: one row per theme that occurs, one column per attended session.

Loaded with three small Core queries returning plain tuples (the client's sessions, their
marks, the taxonomy) and folded into cells with numpy (``db/analytics/fold.py``); the
rules are in ``docs/timeline.md``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from db.analytics.collector import collector_paused
from db.analytics.dto import (
    PASSAGE_READ,
    CategoryGroup,
    RowOrder,
    SessionColumn,
    ThemeRow,
    Timeline,
    TimelineFilter,
    preview,
)
from db.analytics.fold import Cells, fold_marks
from db.analytics.taxonomy import TaxonomyIndex
from db.errors import NotFound
from db.models import Client, Mark, TherapySession
from db.vocabulary import Attendance, NoteKind

__all__ = ["apply_filter", "arrange", "client_code", "load_timeline", "preview"]


def _marks_query(client_id: uuid.UUID) -> Select[Any]:
    """Every mark of the client's attended sessions, only the columns a cell needs.

    Theme ids come back as their stored hex text: turning 30,000 of them into UUID objects
    would cost more than the query. Sessions come back as their number (an int).
    """
    anchored = Mark.anchor_start.is_not(None) & Mark.anchor_lost_at.is_(None)
    return (
        select(TherapySession.number, type_coerce(Mark.theme_id, String), Mark.intensity,
               case((anchored, case((Mark.note_kind == NoteKind.PROGRESS, 1), else_=0)), else_=-1),
               Mark.anchor_start,
               case((anchored, func.substr(Mark.anchor_text, 1, PASSAGE_READ)), else_=None))
        .join(TherapySession, TherapySession.id == Mark.session_id)
        .where(TherapySession.client_id == client_id,
               TherapySession.attendance == Attendance.ATTENDED)
    )


def client_code(session: Session, client_id: uuid.UUID) -> str:
    """The client's code; raises :class:`~db.errors.NotFound` if there is no such client."""
    code = session.execute(select(Client.code).where(Client.id == client_id)).scalar()
    if code is None:
        raise NotFound
    return code


def load_timeline(session: Session, client_id: uuid.UUID,
                  order: RowOrder = RowOrder.APPEARANCE,
                  taxonomy: TaxonomyIndex | None = None) -> Timeline:
    """The complete grid of a client, archived themes included (flagged ``archived``).

    Raises :class:`~db.errors.NotFound` if the client does not exist.
    """
    code = client_code(session, client_id)
    sessions = [SessionColumn(*row) for row in session.execute(
        select(TherapySession.id, TherapySession.number, TherapySession.date)
        .where(TherapySession.client_id == client_id,
               TherapySession.attendance == Attendance.ATTENDED)
        .order_by(TherapySession.number)).all()]
    column_of = {column.number: index for index, column in enumerate(sessions)}
    taxonomy = taxonomy or TaxonomyIndex.load(session)
    targets = sorted({taxonomy.target(t).id for t in taxonomy.themes})
    target_index = {theme_id: index for index, theme_id in enumerate(targets)}
    # Small integers as keys: hashing UUIDs 45,000 times shows up in the profile.
    theme_of_hex = {t.hex: target_index[taxonomy.target(t).id] for t in taxonomy.themes}
    with collector_paused():
        # fetchall() on the bare result: iterating row by row costs several times the query.
        marks = session.connection().execute(_marks_query(client_id)).fetchall()
        by_theme = fold_marks(marks, column_of, theme_of_hex)
        del marks  # freed now, before the collector runs again
        rows = [_row(taxonomy, targets[theme], cells) for theme, cells in by_theme.items()]
        return arrange(Timeline(client_id, code, tuple(sessions), (), ()), rows, taxonomy,
                       order)


def _row(taxonomy: TaxonomyIndex, theme_id: uuid.UUID, cells: Cells) -> ThemeRow:
    theme = taxonomy.themes[theme_id]
    category = taxonomy.categories[theme.category_id]
    group = taxonomy.root(theme.category_id)
    return ThemeRow(theme.id, theme.key, theme.name, theme.color, category.id, category.name,
                    group.id, group.key, group.name, theme.dmrs_level, theme.ccrt_component,
                    theme.archived, *cells)


def arrange(base: Timeline, rows: list[ThemeRow], taxonomy: TaxonomyIndex,
            order: RowOrder) -> Timeline:
    """Group rows under their top-level category (in tree order) and order each group."""
    tree = taxonomy.tree_order()
    grouped: dict[uuid.UUID, list[ThemeRow]] = defaultdict(list)
    for row in rows:
        grouped[row.group_id].append(row)

    def row_key(row: ThemeRow) -> tuple[object, ...]:
        first = row.columns[0] if row.columns else 0
        if order is RowOrder.FREQUENCY:
            return (-len(row.columns), first, row.name.casefold())
        return (first, -len(row.columns), row.name.casefold())

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
    renumber = len(keep) != len(timeline.sessions)
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
        if renumber or min_intensity > 1:
            kept = [i for i, (column, intensity) in enumerate(zip(row.columns, row.intensities,
                                                                  strict=True))
                    if column in new_index and intensity >= min_intensity]
            if not kept:
                continue
            row = row.subset(kept, new_index if renumber else None)
        elif not row.columns:
            continue
        group_rows[row.group_id].append(len(rows))
        rows.append(row)
    groups = tuple(CategoryGroup(g.category_id, g.key, g.name, tuple(group_rows[g.category_id]))
                   for g in timeline.groups if group_rows.get(g.category_id))
    return replace(timeline, sessions=tuple(timeline.sessions[i] for i in keep),
                   rows=tuple(rows), groups=groups)
