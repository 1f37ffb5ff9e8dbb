"""Unlocking with the integrity check in the background: reads at once, writes after it."""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from db.errors import DatabaseDamaged, ThreadlineError, VaultLocked
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.migrate import alembic_config
from db.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE, make_vault

BLOCKED_S = 0.3  # long enough for a write that was not held to have finished


def codes(vault: Vault) -> list[str]:
    return [c.code for c in Services.for_vault(vault).clients.list_clients()]


class Writer(threading.Thread):
    """Adds a client from another thread, as the autosave worker writes notes."""

    def __init__(self, vault: Vault, code: str) -> None:
        super().__init__(daemon=True)
        self.services, self.code = Services.for_vault(vault), code
        self.error: ThreadlineError | None = None

    def run(self) -> None:
        try:
            self.services.clients.create(ClientInput(code=self.code))
        except ThreadlineError as error:
            self.error = error


def damage(vault_dir: Path) -> str:
    """Flip a bit in a page far from the schema; return the damaged file's digest."""
    path = vault_dir / DB_NAME
    raw = bytearray(path.read_bytes())
    raw[(len(raw) // 4096 - 2) * 4096 + 200] ^= 0x80
    path.write_bytes(bytes(raw))
    return hashlib.sha256(raw).hexdigest()


@pytest.fixture
def filled_dir(vault_dir: Path) -> Path:
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    for n in range(40):
        services.clients.create(ClientInput(code=f"D{n:03}", notes="y" * 3000))
    vault.close()
    return vault_dir


def test_writes_wait_for_the_check_and_go_ahead_once_it_passed(filled_dir: Path) -> None:
    with Vault.open(filled_dir) as vault:
        vault.unlock(PASSPHRASE, verify="later")
        assert len(codes(vault)) == 40  # reads do not wait
        writer = Writer(vault, "LATER")
        writer.start()
        writer.join(BLOCKED_S)
        assert writer.is_alive()  # held until the check has passed
        vault.verify_integrity()
        writer.join()
        assert writer.error is None
        assert "LATER" in codes(vault)


def test_damage_found_in_the_background_refuses_every_write(filled_dir: Path) -> None:
    damaged = damage(filled_dir)
    with Vault.open(filled_dir) as vault:
        vault.unlock(PASSPHRASE, verify="later")  # opens: page 1 and the schema are fine
        writer = Writer(vault, "HELD")
        writer.start()
        with pytest.raises(DatabaseDamaged):
            vault.verify_integrity()
        writer.join()
        assert isinstance(writer.error, DatabaseDamaged)
        with pytest.raises(DatabaseDamaged, match="damaged"):
            Services.for_vault(vault).clients.create(ClientInput(code="AFTER"))
    assert hashlib.sha256((filled_dir / DB_NAME).read_bytes()).hexdigest() == damaged


def test_locking_before_the_check_ends_releases_waiting_writers(filled_dir: Path) -> None:
    with Vault.open(filled_dir) as vault:
        vault.unlock(PASSPHRASE, verify="later")
        writer = Writer(vault, "HELD")
        writer.start()
        writer.join(BLOCKED_S)
        vault.lock()
        writer.join()
        assert isinstance(writer.error, VaultLocked)
        with pytest.raises(VaultLocked):
            vault.verify_integrity()
        vault.unlock(PASSPHRASE)
        assert "HELD" not in codes(vault)


def test_a_vault_to_migrate_is_checked_before_anything_is_migrated(vault: Vault,
                                                                  vault_dir: Path) -> None:
    revisions = list(ScriptDirectory.from_config(alembic_config()).walk_revisions())
    previous = revisions[1].revision
    services = Services.for_vault(vault)
    for n in range(40):
        services.clients.create(ClientInput(code=f"D{n:03}", notes="y" * 3000))
    with vault.database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), previous)
    vault.close()
    damaged = damage(vault_dir)
    with Vault.open(vault_dir) as reopened, pytest.raises(DatabaseDamaged):
        reopened.unlock(PASSPHRASE, verify="later")
    assert not (vault_dir / f"{DB_NAME}.before-migration-{previous}").exists()
    assert hashlib.sha256((vault_dir / DB_NAME).read_bytes()).hexdigest() == damaged


QUIT_WHILE_CHECKING = """
import sys, threading, time
from db.vault.vault import Vault
vault = Vault.open(sys.argv[1])
vault.unlock(sys.argv[2], verify="later")
threading.Thread(target=vault.verify_integrity, daemon=True).start()
while not vault._checking:
    time.sleep(0.001)
vault.close()
print("closed")
"""


def test_quitting_while_the_check_runs_exits_cleanly(vault_dir: Path) -> None:
    """Closing the vault waits for the check: SQLCipher reading pages while the process
    exits (OpenSSL already torn down) crashed it with a segmentation fault."""
    import subprocess
    import sys

    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    # About 50 MB, so that the check takes a while; written in bulk (two units of work,
    # not 300 fsynced ones: a minute and a half less).
    client = services.clients.create(ClientInput(code="Q")).value
    sessions = services.sessions.create_many(
        client.id, [SessionInput(date(2026, 1, 5)) for _ in range(300)]).value
    services.notes.save_many([(session.id, "process", f"{n} " * 13_000)
                              for n, session in enumerate(sessions)], "autosave")
    vault.close()
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", QUIT_WHILE_CHECKING, str(vault_dir),
                               PASSPHRASE], capture_output=True, text=True, timeout=120,
                              cwd=Path(__file__).parents[2])
        assert (done.returncode, done.stdout.strip()) == (0, "closed"), done.stderr[-500:]
        assert "ERROR" not in done.stderr


def test_background_verification_reports_damage(filled_dir: Path) -> None:
    damage(filled_dir)
    with Vault.open(filled_dir) as opened:
        opened.unlock(PASSPHRASE, verify=False)  # opens: page 1 and the schema are fine
        assert set(opened.timings) == {"key_derivation", "verify", "migrate"}
        with pytest.raises(DatabaseDamaged):
            opened.verify_integrity()
