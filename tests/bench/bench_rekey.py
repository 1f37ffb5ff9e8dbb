"""Re-encrypting the large vault under a new data key (``threadline passwd --rekey``)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from db.vault.files import DB_NAME, KEY_NAME
from db.vault.vault import Vault
from tests.bench.harness import Figure, Recorder
from tests.conftest import PASSPHRASE

NEW = "seven quiet birds over water"


@pytest.mark.bench
def test_rekey(bench: Recorder, large_vault: Path, tmp_path: Path) -> None:
    copy = tmp_path / "vault"
    copy.mkdir()
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", KEY_NAME):
        if (large_vault / name).exists():
            shutil.copy2(large_vault / name, copy / name)
    size_mb = (copy / DB_NAME).stat().st_size / 1e6
    with Vault.open(copy) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        seen: list[float] = []
        start = time.perf_counter()
        vault.rekey(NEW, seen.append)
        seconds = time.perf_counter() - start
    assert seen[-1] == 1.0
    bench.record(Figure(
        section="Vault security", name="re-encrypt the vault under a new data key", unit="s",
        samples=(seconds,), target="minutes at most", max_value=180,
        command="threadline passwd --rekey",
        note=f"A {size_mb:,.0f} MB database: sqlcipher_export() into a new file, fsync, "
             "every page of the copy checked, two key-file writes and a rename; includes "
             "one Argon2id derivation for the new passphrase. One run."))
