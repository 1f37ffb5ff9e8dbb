"""Units of work over the open vault's encrypted database."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from db.vault.engine import make_engine


class Database:
    """The unlocked database: hands out one SQLAlchemy session per unit of work.

    Owns its copy of the data key and zeroes it in :meth:`close`.
    """

    def __init__(self, path: Path, key: bytearray) -> None:
        self.path = path
        self._key = bytearray(key)
        self.engine = make_engine(path, self._key)
        self._writer = sessionmaker(self.engine.execution_options(threadline_write=True),
                                    expire_on_commit=False)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE); commits once on success."""
        with self._writer() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; never commits."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        self.engine.dispose()
        self._key[:] = bytes(len(self._key))
