"""Killed while typing and marking: every acknowledged text is there, every anchor on it."""

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
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_kill_while_typing_and_marking_leaves_anchors_on_their_text(
        vault_dir: Path, seed: int) -> None:
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    client = services.clients.create(ClientInput(code="HERON")).value
    session = services.sessions.create(client.id, SessionInput(date=date(2026, 1, 5))).value
    theme = services.themes.ids_by_key(["dmrs.humor"])["dmrs.humor"]
    vault.close()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "desktop" / "gui" / "pipeline_kill_worker.py"),
         str(vault_dir), PASSPHRASE, str(session.id), str(theme)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    acked = 0
    target = random.Random(seed).randint(6, 30)
    for line in proc.stdout:
        acked = int(line.split()[1])
        if acked >= target:
            break
    time.sleep(random.Random(seed).random() * 0.05)  # somewhere inside the next write
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        services = Services.for_vault(reopened)
        text = services.notes.load(session.id).process_note
        saved = int(text.split()[0].removeprefix("tide"))
        assert saved >= acked  # every acknowledged text is there
        marks = services.marks.list_for_session(session.id)
        assert len(marks) >= acked // 5 - 1
        for mark in marks:
            anchor = mark.passage.anchor
            assert anchor is not None, mark.passage
            assert text[anchor.start:anchor.end] == anchor.text  # on its words
