"""Vault security: re-encrypting the large vault (``threadline passwd --rekey``) and the
cost of the audit mark in the key file."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from db.services.hub import Services
from db.vault.files import DB_NAME, KEY_NAME
from db.vault.vault import Vault
from tests.bench.harness import Figure, Recorder, timed
from tests.conftest import PASSPHRASE, make_vault

NEW = "seven quiet birds over water"
RUNS = 30


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


@pytest.mark.bench
def test_audit_mark(bench: Recorder, tmp_path: Path) -> None:
    """What marking the audit chain in the key file costs, and what an event costs."""
    vault, _ = make_vault(tmp_path / "marks")
    audit = Services.for_vault(vault).audit
    try:
        event = timed(lambda: audit.record("export"), RUNS)

        def mark() -> None:
            audit.record("export")
            vault.keeper.flush()  # the key-file write the timer would do 0.2 s later

        marked = timed(mark, RUNS)
    finally:
        vault.close()
    bench.record(Figure(
        section="Vault security", name="one audit event (e.g. finalizing), as it runs",
        unit="ms", samples=event, max_value=20, target="≤ 20 ms",
        note="The key file's audit mark is written 0.2 s later, once for a burst."))
    bench.record(Figure(
        section="Vault security", name="one audit event with its key-file mark at once",
        unit="ms", samples=marked,
        note="What the event would cost if the mark were written before it returned: "
             "HMAC, atomic write, two fsyncs."))
