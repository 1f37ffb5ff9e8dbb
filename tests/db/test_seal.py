"""The seal file and the checkpointer's respect for a refused vault."""

from __future__ import annotations

import os
from pathlib import Path

from db.errors import DatabaseDamaged
from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault.seal import Seal, read_seal, seal_key
from db.vault.vault import DB_NAME, Vault


def test_the_seal_follows_every_write_and_never_goes_back(tmp_path: Path) -> None:
    key = seal_key(bytearray(os.urandom(32)))
    path = tmp_path / "x.db-seal"
    seal = Seal.create(path, bytearray(key), "vault-1", 0)
    for counter in (1, 2, 3, 2):
        seal.record(counter)
    seal.close()
    state = read_seal(path, key, "vault-1")
    assert state is not None
    assert (state.seq, state.counter) == (3, 3)
    assert read_seal(tmp_path / "absent", key, "vault-1") is None
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_refused_vault_is_never_checkpointed(vault: Vault) -> None:
    Services.for_vault(vault).clients.create(ClientInput(code="FINCH"))
    database = vault.database
    database.checkpointer.stop()
    wal = vault.folder / f"{DB_NAME}-wal"
    before = (vault.db_path.read_bytes(), wal.read_bytes())
    database.release_writes(DatabaseDamaged())
    database.checkpointer._checkpoint()  # what the thread would run once writing paused
    assert database.checkpointer.checkpoints == 0
    assert (vault.db_path.read_bytes(), wal.read_bytes()) == before
    database.release_writes()
    database.checkpointer._checkpoint()
    assert database.checkpointer.checkpoints == 1
