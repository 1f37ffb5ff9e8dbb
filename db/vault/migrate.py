"""Bring a vault's schema to the current head, keeping an encrypted copy first."""

from __future__ import annotations

import functools
import logging
import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from db.atomic import atomic_writer
from db.errors import VaultTooNew

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


SNAPSHOT_CHUNK = 1024 * 1024


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """The newest schema revision this Threadline knows (read once per process)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the head revision (nothing to migrate)."""
    return current_revision(engine) == head_revision()


def keep_snapshot(db_path: Path, engine: Engine, revision: str) -> Path:
    """Copy the (still encrypted) database file aside before changing its schema."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    target = db_path.with_name(f"{db_path.name}.before-migration-{revision}")
    # Written like every file of the vault: private from the start, fsynced, renamed into
    # place (a copy left in the page cache could be lost with the power, and the
    # migration after it would then have no snapshot to go back to).
    with db_path.open("rb") as source, atomic_writer(target) as copy:
        shutil.copyfileobj(source, copy, SNAPSHOT_CHUNK)
    return target


def upgrade_to_head(db_path: Path, engine: Engine) -> bool:
    """Migrate if needed; return whether anything ran.

    Raises :class:`VaultTooNew` when the database names a revision this version of
    Threadline does not know (it was written by a newer one), without touching it.
    """
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as error:  # alembic raises several types for unknown revisions
            raise VaultTooNew(detail=f"unknown schema revision {current}") from error
        snapshot = keep_snapshot(db_path, engine, current)
        log.info("schema %s -> %s, encrypted snapshot kept as %s", current, head, snapshot.name)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    return True
