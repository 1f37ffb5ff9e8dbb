"""What every service needs: a way to reach the open database."""

from __future__ import annotations

from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import NotFound
from db.models import Base
from db.vault.database import Database


class DatabaseProvider(Protocol):
    """Anything with a ``database`` (the :class:`~db.vault.vault.Vault`); raises when locked."""

    @property
    def database(self) -> Database: ...


M = TypeVar("M", bound=Base)


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
    for start in range(0, len(ids), 500):
        rows += session.scalars(select(model).where(
            model.id.in_(ids[start:start + 500])))  # type: ignore[attr-defined]
    return rows
