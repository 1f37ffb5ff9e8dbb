"""Vaults that sync through one folder, on this machine, for the sync tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.crypto.kdf import Argon2Params
from db.interchange.v1.writer import export_document
from db.services.hub import Services
from db.sync.fresh import initialize_for_joining
from db.sync.service import SyncService
from db.sync.state import Group
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault

#: Lists of the interchange export that are this device's own (db.sync.schema.SYNCED).
LOCAL_LISTS = ("audit_events", "vault_settings", "note_drafts")


@dataclass
class Device:
    vault: Vault
    services: Services
    sync: SyncService

    def close(self) -> None:
        self.vault.close()


def first_device(folder: Path, sync_folder: Path, name: str = "Office") -> Device:
    vault, _ = make_vault(folder)
    device = Device(vault, Services.for_vault(vault), SyncService(vault))
    device.sync.start(sync_folder, name)
    return device


def group_of(device: Device) -> Group:
    from db.sync.state import read_group

    with device.vault.database.read() as session:
        group = read_group(session)
    assert group is not None
    return group


def joined_device(folder: Path, sync_folder: Path, group: Group, name: str) -> Device:
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum(),
                            initialize=initialize_for_joining)
    device = Device(vault, Services.for_vault(vault), SyncService(vault))
    device.sync.join(sync_folder, name, group)
    return device


def shared_state(device: Device) -> dict[str, Any]:
    """The interchange export without what each device keeps for itself."""
    document = export_document(device.vault.database)
    for name in (*LOCAL_LISTS, "exported_at"):
        document.pop(name)
    return document


def shared_bytes(device: Device) -> bytes:
    return json.dumps(shared_state(device), sort_keys=True, ensure_ascii=False).encode()


def settle(devices: list[Device], rounds: int = 4) -> None:
    """Run sync on every device until nothing moves (changes sent back included)."""
    for _ in range(rounds):
        for device in devices:
            device.sync.run()
