"""Theme merges finished on arrival: what points at a merged theme follows the merge.

A merge (``db.services.theme_edits``) moves the marks, episode categories and sub-themes
the merging device knows of; a device that marked with the old theme meanwhile sends
marks that still name it. After each file, every mark and episode category that names a
merged theme here is pointed at the theme it was merged into (following a chain of
merges), and every sub-theme of it moves to its parent, as the merge itself does. Every
device does the same with the same rows, and each change is sent like any other, so all
devices end with the marks on the surviving theme.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.sync import links, schema

THEME = "theme"
#: Files touching these tables can leave a reference to a merged theme behind.
TOUCHING = frozenset({THEME, "mark", "relational_episode"})


def _survivors(session: Session) -> dict[str, tuple[str, str | None]]:
    """Each merged theme: (the theme it ends in, its own parent)."""
    merged = {str(i): (str(t), str(p) if p else None) for i, t, p in session.execute(text(
        "SELECT id, merged_into_id, parent_id FROM theme WHERE merged_into_id IS NOT NULL"))}
    ends: dict[str, tuple[str, str | None]] = {}
    for source, (target, parent) in merged.items():
        seen = {source}
        while target in merged and target not in seen:  # a chain of merges, never a loop
            seen.add(target)
            target = merged[target][0]
        ends[source] = (target, parent)
    return ends


def follow(session: Session, tables: set[str], emit: Callable[[str, str], None]) -> int:
    """Point everything that names a merged theme at its survivor; returns rows moved."""
    if not tables & TOUCHING:
        return 0
    ends = _survivors(session)
    if not ends:
        return 0
    moved = 0
    sources = list(ends)
    marks = ", ".join(f":s{i}" for i in range(len(sources)))
    params = {f"s{i}": source for i, source in enumerate(sources)}
    for link in links.links_to(THEME):
        if link.table not in schema.SYNCED or link.column == "merged_into_id":
            continue
        rows = session.execute(text(
            f"SELECT id, {link.column} FROM {link.table} WHERE {link.column} IN ({marks})"),
            params).all()
        for row_id, source in rows:
            target, parent = ends[str(source)]
            value = parent if link.column == "parent_id" else target
            session.execute(text(
                f"UPDATE {link.table} SET {link.column} = :v WHERE id = :id"),
                {"v": value, "id": row_id})
            emit(link.table, str(row_id))
            moved += 1
    return moved
