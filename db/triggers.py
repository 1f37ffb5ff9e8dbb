"""Triggers lifted for a bulk write, inside the caller's transaction.

The full-text index (db.search) and the sync outbox (db.sync) keep themselves up to date
with INSERT triggers, one program run per row. A bulk write (an import, a batch of sync
changes) lifts them for its block and does their work once, or not at all when there is
none to do, and puts them back from their own SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

_MATCHING = text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                 "AND name LIKE :pattern ESCAPE '\\' ORDER BY name")


@contextmanager
def lifted(session: Session, pattern: str) -> Iterator[None]:
    """Within the caller's write transaction: the triggers whose name matches ``pattern``
    (SQL ``LIKE``, ``\\`` escapes) are dropped for the block and created again from their
    own SQL at its end. If the block raises they are not put back here: the caller's
    rollback brings them back with everything else."""
    triggers = session.execute(_MATCHING, {"pattern": pattern}).all()
    for name, _ in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _, sql in triggers:
        session.execute(text(sql))
