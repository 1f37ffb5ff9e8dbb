"""The WAL is copied back into the database file in the background, never by a save."""

from __future__ import annotations

import time

from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault.checkpoint import Checkpointer
from db.vault.vault import Vault


def wait_for(condition: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_no_connection_checkpoints_inside_a_commit(vault: Vault) -> None:
    with vault.database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0


def test_a_write_is_checkpointed_soon_after_in_the_background(vault: Vault) -> None:
    database = vault.database
    database.checkpointer.stop()
    database.checkpointer = Checkpointer(database.engine, quiet_s=0.05)
    Services.for_vault(vault).clients.create(ClientInput(code="LARK"))
    assert wait_for(lambda: database.checkpointer.checkpoints >= 1)
    with database.engine.connect() as conn:
        busy, frames, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    assert busy == 0
    assert frames == done  # nothing left in the log that is not in the file


def test_writes_that_never_pause_are_checkpointed_all_the_same(vault: Vault) -> None:
    database = vault.database
    database.checkpointer.stop()
    database.checkpointer = Checkpointer(database.engine, quiet_s=3600, longest_s=0.05)
    Services.for_vault(vault).clients.create(ClientInput(code="LARK"))
    assert wait_for(lambda: database.checkpointer.checkpoints >= 1)


def test_locking_stops_the_checkpoint_thread(vault: Vault) -> None:
    database = vault.database
    Services.for_vault(vault).clients.create(ClientInput(code="LARK"))
    thread = database.checkpointer._thread
    assert thread is not None
    vault.lock()
    assert not thread.is_alive()
