"""An older copy of the database, or a retired key file, opens nothing."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from db.errors import DatabaseDamaged, DatabaseOlderThanKeyFile, WrongRecoveryKey
from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault.files import DB_NAME, KEY_NAME
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault

NEW_PASSPHRASE = "seven quiet birds over water"
#: The database with its log and its seal: a copy put back whole, so that what refuses it
#: is the key file's audit mark (the seal alone would refuse a database without its own).
DB_FILES = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-seal")


def _copy_db(source: Path, target: Path) -> None:
    target.mkdir(exist_ok=True)
    for name in DB_FILES:
        (target / name).unlink(missing_ok=True)
        if (source / name).exists():
            shutil.copy2(source / name, target / name)


def _mark(vault: Vault) -> dict:  # type: ignore[type-arg]
    vault.keeper.flush()  # marks are written a moment after the event
    return json.loads(vault.key_path.read_text())["audit"]


def test_every_audit_event_is_marked_in_the_key_file(vault: Vault) -> None:
    services = Services.for_vault(vault)
    services.audit.record("unlock")
    first = _mark(vault)
    client = services.clients.create(ClientInput(code="WREN")).value
    services.clients.delete(client.id)  # a deletion is audited in the service's own work
    second = _mark(vault)
    assert second["seq"] == first["seq"] + 1 == services.audit.count()
    assert second["head"] != first["head"]


def test_the_mark_follows_on_its_own_shortly_after(vault: Vault) -> None:
    """Without a flush: the timer writes it (no sleeping; wait for the file to change)."""
    vault.keeper.mark_delay = 0.01
    Services.for_vault(vault).audit.record("export")
    deadline = time.monotonic() + 10
    while json.loads(vault.key_path.read_text())["audit"] is None:
        assert time.monotonic() < deadline, "the audit mark was never written"
        time.sleep(0.01)


def test_an_older_database_is_refused_and_nothing_changes(vault_dir: Path,
                                                          tmp_path: Path) -> None:
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    services.clients.create(ClientInput(code="HERON"))
    services.audit.record("unlock")
    vault.close()
    _copy_db(vault_dir, tmp_path / "older")
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        Services.for_vault(reopened).audit.record("unlock")
    _copy_db(tmp_path / "older", vault_dir)  # an earlier copy put back
    key_before = (vault_dir / KEY_NAME).read_bytes()
    db_before = (vault_dir / DB_NAME).read_bytes()
    with Vault.open(vault_dir) as reopened:
        reopened.seen_dir = tmp_path / "another-computer"  # no device record to catch it
        with pytest.raises(DatabaseOlderThanKeyFile, match="older than its key file"):
            reopened.unlock(PASSPHRASE)
        assert not reopened.is_unlocked
    assert (vault_dir / KEY_NAME).read_bytes() == key_before
    assert (vault_dir / DB_NAME).read_bytes() == db_before


def test_a_database_with_a_different_chain_is_refused(vault_dir: Path,
                                                      tmp_path: Path) -> None:
    """Same length, different last event: a copy that went its own way."""
    vault, _ = make_vault(vault_dir)
    Services.for_vault(vault).audit.record("unlock")
    vault.close()
    _copy_db(vault_dir, tmp_path / "fork")
    fork_key = (vault_dir / KEY_NAME).read_bytes()
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        Services.for_vault(reopened).audit.record("export")
    this_key = (vault_dir / KEY_NAME).read_bytes()
    _copy_db(tmp_path / "fork", vault_dir)
    (vault_dir / KEY_NAME).write_bytes(fork_key)
    with Vault.open(vault_dir) as reopened:  # the fork goes on (this device lets it)
        reopened.unlock(PASSPHRASE, accept_older=True)
        Services.for_vault(reopened).audit.record("backup_created")
    (vault_dir / KEY_NAME).write_bytes(this_key)
    with Vault.open(vault_dir) as reopened:
        reopened.seen_dir = tmp_path / "another-computer"
        with pytest.raises(DatabaseOlderThanKeyFile):
            reopened.unlock(PASSPHRASE)


def test_a_retired_key_file_opens_nothing_written_after_a_rekey(vault_dir: Path,
                                                                tmp_path: Path) -> None:
    vault, old_recovery = make_vault(vault_dir)
    retired = (vault_dir / KEY_NAME).read_bytes()
    vault.rekey(NEW_PASSPHRASE)
    Services.for_vault(vault).clients.create(ClientInput(code="LATER", notes="written after"))
    vault.close()
    (vault_dir / KEY_NAME).write_bytes(retired)  # the old key file put back
    with Vault.open(vault_dir) as reopened:
        with pytest.raises(DatabaseDamaged):
            reopened.unlock(PASSPHRASE)
        with pytest.raises(DatabaseDamaged):
            reopened.unlock_with_recovery_key(old_recovery)


def test_after_a_rekey_the_old_recovery_key_is_wrong(vault_dir: Path) -> None:
    vault, old_recovery = make_vault(vault_dir)
    fresh = vault.rekey(NEW_PASSPHRASE)
    vault.close()
    with Vault.open(vault_dir) as reopened:
        with pytest.raises(WrongRecoveryKey):
            reopened.unlock_with_recovery_key(old_recovery)
        reopened.unlock_with_recovery_key(fresh)
