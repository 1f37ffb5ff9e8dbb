"""One process per vault, and a vault that appears whole or not at all.

Real processes: a second one is kept out even when ``threadline.lock`` is deleted; an
``init`` killed at any moment leaves nothing that blocks the next one; two ``init``s of
the same folder never destroy each other's vault.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.crypto.kdf import Argon2Params
from db.errors import VaultExists, VaultInUse
from db.services.hub import initialize_vault
from db.vault.database import Database
from db.vault.lockfile import LOCK_NAME
from db.vault.vault import DB_NAME, KEY_NAME, Vault
from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "db" / "create_worker.py"


def worker(action: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), action, str(folder)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def wait_for(proc: subprocess.Popen[str], word: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == word, f"worker said {line!r}"


def test_deleting_the_lock_file_does_not_let_a_second_process_in(vault_dir: Path) -> None:
    make_vault(vault_dir)[0].close()
    holder = worker("hold", vault_dir)
    try:
        wait_for(holder, "HELD")
        (vault_dir / LOCK_NAME).unlink()
        with pytest.raises(VaultInUse):
            Vault.open(vault_dir)
    finally:
        holder.communicate("", timeout=60)
    Vault.open(vault_dir).close()  # free again once the holder has closed it


def test_a_killed_init_leaves_nothing_that_blocks_the_next(tmp_path: Path) -> None:
    rng = random.Random(7)
    for round_ in range(8):
        folder = tmp_path / f"v{round_}"
        proc = worker("create", folder)
        if round_ % 2:  # during the migration / taxonomy load
            wait_for(proc, "INIT")
            time.sleep(rng.uniform(0.0, 0.2))
        else:  # anywhere from key derivation on
            time.sleep(rng.uniform(0.2, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        if (folder / KEY_NAME).exists():  # it finished: a whole vault
            with Vault.open(folder) as vault:
                vault.unlock(PASSPHRASE)
            continue
        assert not (folder / DB_NAME).exists(), f"round {round_}: a database without a key"
        make_vault(folder)[0].close()
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{folder.name}")]
        assert leftovers == []


def test_a_second_init_of_the_same_folder_leaves_the_first_vault_intact(
        tmp_path: Path) -> None:
    folder = tmp_path / "v"

    def meanwhile(database: Database) -> None:
        """While this init builds, another one finishes in the same folder."""
        initialize_vault(database)
        make_vault(folder)[0].close()

    with pytest.raises(VaultExists):
        Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum(), initialize=meanwhile)
    with Vault.open(folder) as first:
        first.unlock(PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"]


def test_creating_in_a_folder_with_other_files_keeps_them(tmp_path: Path) -> None:
    folder = tmp_path / "Practice"
    folder.mkdir()
    (folder / "readme.txt").write_text("not a vault\n")
    make_vault(folder)[0].close()
    assert (folder / "readme.txt").read_text() == "not a vault\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Practice"]
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE)


@pytest.mark.parametrize("when", ["before_create", "after_create"])
def test_a_world_writable_vault_folder_is_tightened(tmp_path: Path, when: str) -> None:
    folder = tmp_path / "v"
    folder.mkdir()
    folder.chmod(0o777)
    make_vault(folder)[0].close()
    if when == "after_create":
        folder.chmod(0o777)
        Vault.open(folder).close()
    assert folder.stat().st_mode & 0o777 == 0o700
