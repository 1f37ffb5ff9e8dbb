"""SIGKILL while exporting and while applying: no change lost, none doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.sync.service import SyncService
from db.vault.vault import Vault
from db.vocabulary import NoteKind
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Device, first_device, group_of, joined_device, shared_bytes

ROOT = Path(__file__).resolve().parents[2]


def _kill_while_syncing(folder: Path, delay: float) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.kill_worker", str(folder), PASSPHRASE],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == b"READY"
    time.sleep(delay)
    worker.send_signal(signal.SIGKILL)
    worker.wait()


def _reopen(folder: Path) -> Device:
    vault = Vault.open(folder)
    vault.unlock(PASSPHRASE)
    return Device(vault, Services.for_vault(vault), SyncService(vault))


def _work(device: Device, sessions: int) -> None:
    client = device.services.clients.create(ClientInput(code=f"K-{random.randrange(10**6)}"))
    for n in range(sessions):
        made = device.services.sessions.create(client.value.id, SessionInput(
            date=date(2026, 1, 1))).value
        device.services.notes.save(made.id, NoteKind.PROCESS, f"Note {n} " + "word " * 300)


@pytest.mark.slow
def test_killed_during_export_and_apply_loses_and_doubles_nothing(tmp_path: Path) -> None:
    rng = random.Random(7)
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    try:
        for round_ in range(3):
            _work(a, 40)
            _work(b, 10)
            a.close()
            _kill_while_syncing(tmp_path / "a", rng.uniform(0.0, 0.6))   # mid-export
            a = _reopen(tmp_path / "a")
            a.sync.run()
            b.close()
            _kill_while_syncing(tmp_path / "b", rng.uniform(0.0, 0.6))   # mid-apply
            b = _reopen(tmp_path / "b")
            for device in (b, a, b):
                device.sync.run()
            assert shared_bytes(a) == shared_bytes(b), round_
            own = sorted(p.name for p in (folder / a.sync.status().devices[0].id).iterdir())
            assert len(own) == len(set(own))
    finally:
        a.close()
        b.close()
