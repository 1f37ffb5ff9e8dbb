"""What every service needs: a way to reach the open database."""

from __future__ import annotations

from typing import Protocol, TypeVar

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
