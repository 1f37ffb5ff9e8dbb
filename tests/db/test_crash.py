"""A killed process never loses an acknowledged save nor damages the vault."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]


def last_ack(lines: list[str]) -> int:
    acks = [int(line.split()[1]) for line in lines if line.startswith("ACK ")]
    return acks[-1] if acks else 0


def test_sigkill_while_saving_loses_no_acknowledged_save(vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    client = services.clients.create(ClientInput(code="HERON")).value
    session = services.sessions.create(client.id, SessionInput(date=date(2026, 1, 5))).value
    vault.close()
    rng = random.Random(20261122)
    acknowledged = 0
    for _round in range(6):
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "db" / "kill_worker.py"), str(vault_dir),
             PASSPHRASE, str(session.id), str(acknowledged)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        output, _ = proc.communicate(timeout=30)
        acknowledged = max(acknowledged, last_ack(output.splitlines()))
        with Vault.open(vault_dir) as reopened:
            reopened.unlock(PASSPHRASE)  # verifies every page's HMAC
            with reopened.database.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            text = Services.for_vault(reopened).notes.load(session.id).process_note
            saved = int(text.split()[1]) if text else 0
            assert saved >= acknowledged, f"acknowledged save {acknowledged} lost"
            acknowledged = saved
    assert acknowledged > 0
