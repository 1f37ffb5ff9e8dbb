"""Alembic: an empty vault upgrades to head and the models match the migrations."""

from __future__ import annotations

import os
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.models import Base
from db.search.schema import include_name
from db.vault.database import Database
from db.vault.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from db.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE, as_made_before_the_seal


def test_empty_vault_upgrades_to_head_without_differences(tmp_path: Path) -> None:
    database = Database(tmp_path / "empty.db", bytearray(os.urandom(32)))
    try:
        assert upgrade_to_head(database.path, database.engine) is True
        assert current_revision(database.engine) == head_revision()
        with database.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True,
                        "include_name": include_name}), Base.metadata)
        assert diff == []
        assert upgrade_to_head(database.path, database.engine) is False  # idempotent
    finally:
        database.close()


def test_migration_keeps_an_encrypted_copy_first(vault: Vault, vault_dir: Path) -> None:
    from alembic import command

    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.walk_revisions())
    if len(revisions) < 2:
        # With only the initial schema there is no "older" vault to migrate yet.
        revisions_needed = 2
        assert len(revisions) < revisions_needed
        return
    # Below 0005, which brought the seal: the vault then looks as 0.1 left it, whatever
    # migrations came after (every branch that adds one moves the head on).
    previous = next(r.down_revision for r in revisions if r.revision == "0005")
    assert isinstance(previous, str)
    with vault.database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), previous)
    vault.close()
    if previous < "0005":  # below the commit counter, a vault had no seal either
        as_made_before_the_seal(vault_dir)
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        assert current_revision(reopened.database.engine) == head_revision()
    assert (vault_dir / f"{DB_NAME}-seal").exists()
    snapshot = vault_dir / f"{DB_NAME}.before-migration-{previous}"
    assert snapshot.exists()
    assert not snapshot.read_bytes().startswith(b"SQLite format 3")  # still encrypted
