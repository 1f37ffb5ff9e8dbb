"""Restore and import fill a vault through the interchange importer: the index follows."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from db.backup.service import Key, create_backup, restore_backup
from db.crypto.kdf import Argon2Params
from db.interchange.files import export_json, import_json
from db.services.dto import ClientInput, SessionInput
from db.services.episodes import EpisodeInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault
from tests.db.search.index_check import assert_index_matches_sources, caught_up


def fill(services: Services) -> uuid.UUID:
    client = services.clients.create(ClientInput("PINE", "Noor Example")).value
    session = services.sessions.create(client.id, SessionInput(date(2025, 9, 1))).value
    services.notes.save(session.id, "process", "Talked about the lighthouse and the ferry.")
    services.notes.save(session.id, "progress", "Ferry anxiety discussed.")
    services.episodes.add(session.id, EpisodeInput(other_person="Captain",
                                                   narrative="Wanted to be seen."))
    services.notes.finalize(session.id)
    services.notes.add_addendum(session.id, "Lighthouse dream followed.")
    return session.id


def kinds(services: Services, query: str) -> list[str]:
    return sorted(h.kind for h in caught_up(services).search.search(query).hits)


def test_import_indexes_everything(vault: Vault, services: Services, tmp_path: Path) -> None:
    session_id = fill(services)
    export_json(vault.database, tmp_path / "export.json")
    other, _ = make_vault(tmp_path / "other")
    try:
        import_json(other.database, tmp_path / "export.json")
        imported = Services.for_vault(other)
        assert kinds(imported, "lighthouse") == ["addendum", "process"]
        assert kinds(imported, "ferry") == ["process", "progress"]
        assert kinds(imported, "captain") == ["episode"]
        assert kinds(imported, "noor") == ["client"]
        assert imported.search.search("lighthouse").hits[0].session_id == session_id
        assert_index_matches_sources(other)
    finally:
        other.close()


def test_restore_indexes_everything(vault: Vault, services: Services, tmp_path: Path) -> None:
    fill(services)
    create_backup(vault.database, tmp_path / "b.age", passphrase=PASSPHRASE)
    restore_backup(tmp_path / "b.age", Key(passphrase=PASSPHRASE), tmp_path / "restored",
                   PASSPHRASE, params=Argon2Params.minimum())
    with Vault.open(tmp_path / "restored") as restored:
        restored.unlock(PASSPHRASE)
        found = Services.for_vault(restored)
        assert kinds(found, "lighthouse") == ["addendum", "process"]
        assert kinds(found, "captain") == ["episode"]
        assert_index_matches_sources(restored)
