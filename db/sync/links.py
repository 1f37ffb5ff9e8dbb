"""What the merge rules need to know of the schema: who references whom, and which
columns must be unique. Read from the models' metadata, so a new column or table is
covered without a second list to keep in step."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import UniqueConstraint

from db.models import Base
from db.sync import keys, schema


@dataclass(frozen=True)
class Link:
    table: str      # the referencing table
    column: str     # its column
    target: str     # the referenced table (always by ``id``)


@cache
def links_from(table: str) -> tuple[Link, ...]:
    """The references a row of ``table`` makes (its foreign keys)."""
    if table == schema.CONFLICTS:
        return ()
    found = []
    for fk in Base.metadata.tables[table].foreign_keys:
        found.append(Link(table, fk.parent.name, fk.column.table.name))
    return tuple(sorted(found, key=lambda link: link.column))


@cache
def links_to(table: str) -> tuple[Link, ...]:
    """The references other synced rows (and drafts) make to a row of ``table``."""
    found = []
    for other in Base.metadata.tables.values():
        for fk in other.foreign_keys:
            if fk.column.table.name == table:
                found.append(Link(other.name, fk.parent.name, table))
    return tuple(sorted(found, key=lambda link: (link.table, link.column)))


#: Scores of measures: two of one measure at one session are twins, not a rename.
SCORES = "measure_score"

#: Unique by the services rather than by the tables, and so by the merge as well: one
#: edited copy of each shipped template (its key), one scale of each name.
SERVICE_UNIQUE: dict[str, tuple[tuple[str, ...], ...]] = {
    "note_template": (("key",),),
    "measure_scale": (("name",),),
}


@cache
def unique_sets(table: str) -> tuple[tuple[str, ...], ...]:
    """Column sets besides ``id`` that must be unique in ``table``."""
    if table == schema.CONFLICTS or not keys.has_id(table):
        return ()
    model_table = Base.metadata.tables[table]
    sets: list[tuple[str, ...]] = [(column.name,) for column in model_table.columns
                                   if column.unique]
    sets += [tuple(c.name for c in constraint.columns)
             for constraint in model_table.constraints
             if isinstance(constraint, UniqueConstraint)]
    sets += SERVICE_UNIQUE.get(table, ())
    return tuple(sets)
