"""What every service needs: a way to reach the open database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

from sqlalchemy import column, insert, select, update, values
from sqlalchemy.orm import Session

from db.errors import NotFound
from db.models import Base
from db.vault.database import Database


class DatabaseProvider(Protocol):
    """Anything with a ``database`` (the :class:`~db.vault.vault.Vault`); raises when locked."""

    @property
    def database(self) -> Database: ...


M = TypeVar("M", bound=Base)
T = TypeVar("T")

#: Ids per ``IN (…)`` list: statements stay small and far below SQLite's bound-value limit.
IDS_PER_QUERY = 500


def in_chunks(items: Sequence[T], size: int = IDS_PER_QUERY) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``, for queries over many ids."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def get_or_404(session: Session, model: type[M], ident: object) -> M:
    row = session.get(model, ident)
    if row is None:
        raise NotFound
    return row


def load_many(session: Session, model: type[M], idents: object) -> list[M]:
    """Rows by id in a few queries, for the bulk variants of services.

    The unit of work holds rows weakly: the caller keeps the returned list while it works,
    so that ``get_or_404`` finds each row again without a query (or an autoflush).
    """
    ids = list(idents)  # type: ignore[call-overload]
    rows: list[M] = []
    for chunk in in_chunks(ids):
        rows += session.scalars(select(model).where(
            model.id.in_(chunk)))  # type: ignore[attr-defined]
    return rows


#: Bound values per multi-row statement, below SQLite's default limit of 32,766.
VALUES_PER_STATEMENT = 30_000


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, object]]) -> None:
    """Insert rows (dicts with the same keys) with a few multi-row INSERT statements.

    Not one statement per row: each statement that fires the full-text triggers opens a
    statement savepoint, and FTS5 writes its pending index out at every savepoint, so
    row-by-row inserts would write the index in pieces of one row each.
    """
    if rows:
        # With RETURNING, SQLAlchemy sends the rows as multi-row INSERTs of up to 1,000
        # ("insertmanyvalues"); render_nulls keeps rows with and without a value for an
        # optional column (a passage, say) in the same statement.
        session.execute(insert(model).returning(model.__table__.c.id), rows,
                        execution_options={"render_nulls": True})


def update_column(session: Session, model: type[Base], name: str,
                  changes: list[tuple[uuid.UUID, object]]) -> None:
    """Set column ``name`` of many rows, each ``(id, value)``, with a few ``UPDATE … FROM``
    statements (not one per row, for the reason given in :func:`insert_rows`).

    The unit of work's copies of these rows are not refreshed.
    """
    table = model.__table__
    for start in range(0, len(changes), VALUES_PER_STATEMENT // 2):
        given = (values(column("id", table.c.id.type), column("value", table.c[name].type),
                        name="given")
                 .data(changes[start:start + VALUES_PER_STATEMENT // 2]).cte("given"))
        session.execute(update(model).values({name: given.c.value})
                        .where(table.c.id == given.c.id),
                        execution_options={"synchronize_session": False})
