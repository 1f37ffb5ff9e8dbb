"""Re-encrypting under a new data key: every key changes, and a crash at any moment
leaves a vault that opens with the old passphrase or the new one, all data intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.crypto.keyfile import KeyFile
from db.errors import WrongPassphrase
from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault import rekey, seal
from db.vault.files import DB_NAME, KEY_NAME
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]
NEW = "seven quiet birds over water"
CLIENTS = 120


def _filled(vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    clients = Services.for_vault(vault).clients
    for n in range(CLIENTS):
        clients.create(ClientInput(code=f"C{n:03}", notes=f"fictional notes {n} " * 400))
    vault.close()


def _opens_with(vault_dir: Path) -> str:
    """Which passphrase opens the vault (checking every page), with all clients there."""
    for passphrase in (PASSPHRASE, NEW):
        with Vault.open(vault_dir) as vault:
            try:
                vault.unlock(passphrase)
            except WrongPassphrase:
                continue
            assert len(Services.for_vault(vault).clients.list_clients()) == CLIENTS
            with vault.database.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            return passphrase
    raise AssertionError("neither passphrase opens the vault")


def test_rekey_reports_progress_and_changes_the_data_key(vault_dir: Path) -> None:
    _filled(vault_dir)
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE)
        old_key = bytes(vault.keyfile.open_with_passphrase(PASSPHRASE))
        seen: list[float] = []
        vault.rekey(NEW, seen.append)
        assert seen[-1] == 1.0
        assert seen == sorted(seen)
        new_key = bytes(KeyFile.load(vault_dir / KEY_NAME).open_with_passphrase(NEW))
        assert new_key != old_key
        assert vault.keyfile.previous is None
        # Still usable straight away, and nothing is left beside the database.
        Services.for_vault(vault).clients.create(ClientInput(code="AFTER"))
    assert not (vault_dir / rekey.REKEYED_NAME).exists()
    with Vault.open(vault_dir) as vault, pytest.raises(WrongPassphrase):
        vault.unlock(PASSPHRASE)


@pytest.mark.slow
def test_sigkill_during_rekey_leaves_a_vault_that_opens(vault_dir: Path) -> None:
    _filled(vault_dir)
    rng = random.Random(20261203)
    current = PASSPHRASE
    seen = set()
    # Kill on the first progress line, when the copy is complete, and at random moments.
    moments = ["first", "copied", *(rng.uniform(0.0, 1.5) for _ in range(4))]
    for moment in moments:
        new = NEW if current == PASSPHRASE else PASSPHRASE
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "db" / "rekey_worker.py"), str(vault_dir),
             current, new],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "READY"
        if isinstance(moment, float):
            time.sleep(moment)
        else:
            for line in proc.stdout:
                if moment == "first" or line.strip() == "P 1.000":
                    break
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        opened = _opens_with(vault_dir)
        assert opened in (current, new)
        seen.add(opened == new)
        current = opened
        assert not (vault_dir / rekey.REKEYED_NAME).exists()
    assert False in seen  # at least one kill came before the switch


def _cut_short(vault_dir: Path, *, swapped: bool, resealed: bool = True) -> None:
    """Stop a re-encryption after step 2 (new key file written, the seal still under the
    old key or already under the new) or 3 (copy renamed), the way a killed process
    would leave it: the steps are Vault.rekey's own."""
    vault = Vault.open(vault_dir)
    vault.unlock(PASSPHRASE)
    old = vault._key
    assert old is not None
    vault.database.close()
    counter = vault._close_continuity()
    new = bytearray(os.urandom(32))
    rekey.copy_rekeyed(vault.db_path, old, new)
    keyfile = vault.keyfile.with_passphrase(new, NEW, vault.keyfile.passphrase.params)
    vault.keeper.replace(keyfile.with_previous(new, old), new)
    if resealed:
        seal.reseal(vault.db_path, new, vault.keyfile.vault_id, counter)
    if swapped:
        rekey.swap_in(vault.db_path)
    vault._process_lock.release()  # the process is gone: its lock with it


@pytest.mark.parametrize(("swapped", "resealed"), [(False, False), (False, True), (True, True)])
def test_a_rekey_cut_short_is_finished_at_the_next_unlock(vault_dir: Path, swapped: bool,
                                                          resealed: bool) -> None:
    _filled(vault_dir)
    _cut_short(vault_dir, swapped=swapped, resealed=resealed)
    assert _opens_with(vault_dir) == NEW
    with Vault.open(vault_dir) as vault:
        vault.unlock(NEW)
        assert vault.keyfile.previous is None
        # The new recovery key was never shown: the clinician is told and makes one.
        assert vault.recovery_notice is not None
    assert not (vault_dir / rekey.REKEYED_NAME).exists()
    assert (vault_dir / DB_NAME).exists()


def test_rekey_waits_for_the_structure_check_still_running(
        vault_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: right after unlocking, the pages' check had passed (writes go ahead) but the
    structure check still ran, and re-encrypting was refused as busy: the window's
    "Change passphrase" failed if the clinician was quicker than that check."""
    import threading

    from db.vault import vault as vault_module

    vault, _ = make_vault(vault_dir)
    vault.close()
    entered, go = threading.Event(), threading.Event()
    real = vault_module.check_structure

    def held_back(engine: object, checking: object = None) -> None:
        entered.set()
        go.wait(10)
        real(engine, checking=checking)  # type: ignore[arg-type]

    monkeypatch.setattr(vault_module, "check_structure", held_back)
    made: list[str] = []
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE, verify="later")
        checker = threading.Thread(target=vault.verify_integrity)
        checker.start()
        assert entered.wait(10)
        assert not vault.database.writes_held  # the pages passed: writes go ahead
        rekeyer = threading.Thread(target=lambda: made.append(vault.rekey(NEW)))
        rekeyer.start()
        rekeyer.join(0.5)
        assert rekeyer.is_alive()  # waiting for the check, not refused
        assert not made
        go.set()
        checker.join(10)
        rekeyer.join(60)
    assert len(made) == 1
    assert made[0].count("-") == 8
    KeyFile.load(vault_dir / KEY_NAME).open_with_passphrase(NEW)


def test_rekey_refuses_a_weak_passphrase_and_waits_for_the_check(vault_dir: Path) -> None:
    from db.errors import VaultBusy, WeakPassphrase

    vault, _ = make_vault(vault_dir)
    vault.close()
    key_before = (vault_dir / KEY_NAME).read_bytes()
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE, verify="later")  # as the window: checked in the background
        with pytest.raises(VaultBusy, match="still being checked"):
            vault.rekey(NEW)
        vault.verify_integrity()
        with pytest.raises(WeakPassphrase):
            vault.rekey("password")
        Services.for_vault(vault).clients.create(ClientInput(code="STILL"))  # still open
    key_after = KeyFile.load(vault_dir / KEY_NAME)
    assert key_after.passphrase == KeyFile.from_json(key_before).passphrase
    assert not (vault_dir / rekey.REKEYED_NAME).exists()
