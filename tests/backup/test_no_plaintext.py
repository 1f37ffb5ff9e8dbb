"""Plaintext never touches the disk: watch the temp and target folders while backing up."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from pyrage import x25519

from db.backup.service import Key, create_backup, restore_backup, verify_backup
from db.backup.signing import vault_public_key
from db.crypto.kdf import Argon2Params
from db.services.hub import Services
from db.vault.vault import Vault

CANARY = "canary-7f3e-plaintext-marker"


class Watcher(threading.Thread):
    """Reads every file under the folders, over and over, until stopped."""

    def __init__(self, folders: list[Path]) -> None:
        super().__init__(daemon=True)
        self.folders = folders
        self.stop = threading.Event()
        self.seen: set[str] = set()
        self.leaks: list[str] = []
        self.rounds = 0

    def run(self) -> None:
        while not self.stop.is_set() or self.rounds == 0:
            for folder in self.folders:
                for root, _, files in os.walk(folder):
                    for name in files:
                        path = Path(root) / name
                        self.seen.add(name)
                        try:
                            data = path.read_bytes()
                        except OSError:
                            continue
                        if CANARY.encode() in data:
                            self.leaks.append(name)
            self.rounds += 1


def test_no_plaintext_in_temp_or_target_folder(filled: Vault, tmp_path: Path) -> None:
    services = Services.for_vault(filled)
    client = next(c for c in services.clients.list_clients() if c.code == "ÉL-07")
    session = next(s for s in services.sessions.list_for_client(client.id) if s.number == 2)
    services.notes.save(session.id, "progress", CANARY * 2000, reason="manual")
    identity = x25519.Identity.generate()
    target = tmp_path / "target"
    target.mkdir()
    watcher = Watcher([Path(tempfile.gettempdir()), target])
    watcher.start()
    try:
        create_backup(filled.database, target / "b.age", recipients=[identity.to_public()])
        key = Key(identities=(identity,), signers=(vault_public_key(filled.database),))
        verify_backup(target / "b.age", key)
        restore_backup(target / "b.age", key, target / "restored",
                       "amber meadow 71 distant kettle", params=Argon2Params.minimum())
    finally:
        watcher.stop.set()
        watcher.join()
    assert watcher.rounds > 1
    assert watcher.leaks == []
    assert "b.age" in watcher.seen
    names = {p.name for p in target.iterdir()} | {p.name for p in
                                                  Path(tempfile.gettempdir()).iterdir()}
    assert names <= {"b.age", "restored"}
