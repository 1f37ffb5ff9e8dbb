"""Vaults that sync through one folder, on this machine, for the sync tests."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from db.crypto.kdf import Argon2Params
from db.interchange.v1.writer import export_document
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.sync.fresh import initialize_for_joining
from db.sync.service import SyncService
from db.sync.state import Group
from db.vault.vault import Vault
from db.vocabulary import NoteKind
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


def edited_on_two_computers(tmp_path: Path, code: str, office_text: str,
                            laptop_text: str) -> tuple[Device, uuid.UUID]:
    """Two vaults that each saved the same note before syncing; the office's text lost,
    so the office kept it and raised the flag. Returns the laptop (open) and the session
    id; the office vault (``tmp_path / "office"``) is closed, to be opened in a window."""
    office = first_device(tmp_path / "office", tmp_path / "Sync")
    laptop = joined_device(tmp_path / "laptop", tmp_path / "Sync", group_of(office), "Laptop")
    client = office.services.clients.create(ClientInput(code=code)).value
    made = office.services.sessions.create(client.id, SessionInput(date=date(2026, 6, 3)))
    settle([office, laptop])
    office.services.notes.save(made.value.id, NoteKind.PROCESS, office_text)
    laptop.services.notes.save(made.value.id, NoteKind.PROCESS, laptop_text)
    settle([office, laptop])
    office.close()
    return laptop, made.value.id
