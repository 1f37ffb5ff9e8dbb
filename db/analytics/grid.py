"""The timeline grid: one row per theme that occurs, one column per attended session.

Loaded with three small queries (the client's sessions, their marks, the taxonomy) and
aggregated in one pass; the rules are in ``docs/timeline.md``.
"""

from __future__ import annotations

import contextlib
import gc
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, String, case, func, select, type_coerce
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
_ANCHOR_TEXT_READ = 100  # the preview never needs more of a passage than this


def preview(text: str | None) -> str:
    """The first words of a passage, for a tooltip: at most 10 words or 90 characters."""
    if not text:
        return ""
    words = text[:_ANCHOR_TEXT_READ].split()
    short = " ".join(words[:PREVIEW_WORDS])
    if len(short) > PREVIEW_CHARS:
        short = short[:PREVIEW_CHARS].rsplit(" ", 1)[0] or short[:PREVIEW_CHARS]
    cut = len(words) > PREVIEW_WORDS or len(text) >= _ANCHOR_TEXT_READ or (
        short != " ".join(words))
    return short + ("…" if cut else "")


def _marks_query(client_id: uuid.UUID) -> Select[Any]:
    """Every mark of the client's attended sessions, with what a cell needs.

    Ids come back as their stored hex text: turning 30,000 of them into UUID objects
    would cost more than the query. (Grouping in SQL was measured: SQLite sorts for the
    GROUP BY and is an order of magnitude slower than one pass in Python here.)
    """
    anchored = Mark.anchor_start.is_not(None) & Mark.anchor_lost_at.is_(None)
    return (
        select(type_coerce(Mark.session_id, String), type_coerce(Mark.theme_id, String),
               Mark.intensity,
               case((anchored, case((Mark.note_kind == "progress", 1), else_=0)), else_=None),
               Mark.anchor_start,
               case((anchored, func.substr(Mark.anchor_text, 1, _ANCHOR_TEXT_READ)),
                    else_=None))
        .join(TherapySession, TherapySession.id == Mark.session_id)
        .where(TherapySession.client_id == client_id,
               TherapySession.attendance == "attended")
    )


def load_timeline(session: Session, client_id: uuid.UUID,
                  order: RowOrder = RowOrder.APPEARANCE) -> Timeline:
    """The complete grid of a client, archived themes included (flagged ``archived``).

    Raises :class:`~db.errors.NotFound` if the client does not exist.
    """
    client = get_or_404(session, Client, client_id)
    connection = session.connection()
    sessions: list[SessionColumn] = []
    column_of: dict[str, int] = {}
    for hex_id, ident, number, day in connection.execute(
            select(type_coerce(TherapySession.id, String), TherapySession.id,
                   TherapySession.number, TherapySession.date)
            .where(TherapySession.client_id == client_id,
                   TherapySession.attendance == "attended")
            .order_by(TherapySession.number)).fetchall():
        column_of[hex_id] = len(sessions)
        sessions.append(SessionColumn(ident, number, day))
    taxonomy = TaxonomyIndex.load(session)
    targets = sorted({taxonomy.target(t).id for t in taxonomy.themes})
    target_index = {theme_id: index for index, theme_id in enumerate(targets)}
    # Small integers as keys: hashing UUIDs 45,000 times shows up in the profile.
    theme_of_hex = {t.hex: target_index[taxonomy.target(t).id] for t in taxonomy.themes}
    # fetchall(): iterating the result row by row costs several times the query itself.
    with _collector_paused():
        by_theme = _aggregate(connection.execute(_marks_query(client_id)).fetchall(),
                              column_of, theme_of_hex)
        rows = [_row(taxonomy, targets[theme], cells) for theme, cells in by_theme.items()]
        return arrange(Timeline(client.id, client.code, tuple(sessions), (), ()), rows,
                       taxonomy, order)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while tens of thousands of small, acyclic
    objects are built: its generational passes otherwise take most of the time (measured:
    0.4 s of 0.6 s for 15,000 cells). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _aggregate(marks: Sequence[Any], column_of: dict[str, int], theme_of_hex: dict[str, int]
               ) -> dict[int, dict[int, Cell]]:
    """Fold the marks into cells, one per (theme, column), by the documented rule:
    the highest intensity, the number of passage marks, the earliest passage."""
    # (theme, column) -> [intensity, passage marks, (note order, start), passage text]
    cells: dict[tuple[int, int], list[Any]] = {}
    for sid, tid, intensity, note_order, start, text in marks:
        key = (theme_of_hex[tid], column_of[sid])
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = [intensity, 0, None, None]
        elif intensity > cell[0]:
            cell[0] = intensity
        if note_order is not None:  # a mark on a passage that is still there
            cell[1] += 1
            if cell[2] is None or (note_order, start) < cell[2]:
                cell[2], cell[3] = (note_order, start), text
    by_theme: dict[int, dict[int, Cell]] = defaultdict(dict)
    for (theme, column), (intensity, passages, first, text) in cells.items():
        by_theme[theme][column] = Cell(column, intensity, passages,
                                       preview(text) if text else "",
                                       first[1] if first else None)
    return by_theme


def _row(taxonomy: TaxonomyIndex, theme_id: uuid.UUID, by_column: dict[int, Cell]
         ) -> ThemeRow:
    theme = taxonomy.themes[theme_id]
    category = taxonomy.categories[theme.category_id]
    group = taxonomy.root(theme.category_id)
    cells = tuple(by_column[column] for column in sorted(by_column))
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
        if renumber:
            cells = tuple(
                Cell(new_index[c.column], c.intensity, c.passage_marks, c.passage_preview,
                     c.passage_start)
                for c in row.cells if c.column in new_index and c.intensity >= min_intensity)
        elif min_intensity > 1:
            cells = tuple(c for c in row.cells if c.intensity >= min_intensity)
        else:
            cells = row.cells
        if not cells:
            continue
        group_rows[row.group_id].append(len(rows))
        rows.append(replace(row, cells=cells))
    groups = tuple(CategoryGroup(g.category_id, g.key, g.name, tuple(group_rows[g.category_id]))
                   for g in timeline.groups if group_rows.get(g.category_id))
    return replace(timeline, sessions=tuple(timeline.sessions[i] for i in keep),
                   rows=tuple(rows), groups=groups)
