"""A backup holds the whole vault: restore gives the same data; verify writes nothing."""

from __future__ import annotations

import dataclasses
import io
import json
import tarfile
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from db.backup.service import Key, create_backup, restore_backup, verify_backup
from db.backup.signing import vault_public_key
from db.crypto.kdf import Argon2Params
from db.errors import WeakPassphrase
from db.interchange import dumps, export_document
from db.services.hub import Services
from db.vault.vault import Vault

NEW_PASSPHRASE = "amber meadow 71 distant kettle"


def signed_by(vault: Vault, key: Key) -> Key:
    """``key``, trusting the signature of ``vault`` (which made the backup)."""
    public = vault_public_key(vault.database)
    assert public is not None
    return dataclasses.replace(key, signers=(public,))


def comparable(document: dict) -> bytes:
    body = {k: v for k, v in document.items() if k != "exported_at"}
    return dumps(body)


def test_restore_gives_the_same_data(filled: Vault, tmp_path: Path,
                                     identity: x25519.Identity, key: Key) -> None:
    before = export_document(filled.database)
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    summary, recovery = restore_backup(tmp_path / "b.age", signed_by(filled, key),
                                       tmp_path / "restored",
                                       NEW_PASSPHRASE, params=Argon2Params.minimum())
    assert summary.counts["sessions"] == 2
    assert recovery.count("-") == 8
    with Vault.open(tmp_path / "restored") as restored:
        restored.unlock(NEW_PASSPHRASE)
        after = export_document(restored.database)
        services = Services.for_vault(restored)
        assert services.audit.verify_chain() is None
        assert services.audit.events(limit=1)[0].action == "vault_restored"
    after["audit_events"] = after["audit_events"][:-1]  # the restore's own event
    assert comparable(after) == comparable(before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.age", "restored", "vault"]


def test_passphrase_backup_round_trip(filled: Vault, tmp_path: Path) -> None:
    summary = create_backup(filled.database, tmp_path / "b.age", passphrase="tide pool 3 rope")
    assert (tmp_path / "b.age").read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert verify_backup(tmp_path / "b.age", Key(passphrase="tide pool 3 rope")) == summary


def test_backup_members_and_manifest(filled: Vault, tmp_path: Path,
                                     identity: x25519.Identity) -> None:
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    plain = pyrage.decrypt((tmp_path / "b.age").read_bytes(), [identity])
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        note = tar.extractfile("notes/ÉL-07/2024-01-16-1.md").read().decode()  # type: ignore[union-attr]
    assert names[:2] == ["manifest.json", "vault.json"]
    assert names[-1] == "signature.json"  # over the manifest, which it cannot be listed in
    assert set(manifest["members"]) == set(names[1:-1])
    assert manifest["format_version"] == 1
    assert manifest["counts"]["sessions"] == 2
    assert "Élodie arrived late" in note
    assert "Projection (renamed by the clinician), intensity 3" in note


def test_backup_records_last_backup_and_an_audit_event(filled: Vault, tmp_path: Path,
                                                       identity: x25519.Identity) -> None:
    services = Services.for_vault(filled)
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    assert services.settings.load().last_backup_at.startswith("20")
    assert services.audit.events(limit=1)[0].action == "backup_created"


def test_verify_writes_nothing(filled: Vault, tmp_path: Path, identity: x25519.Identity,
                               key: Key) -> None:
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    # The backup's audit event is marked in vault.key a moment later (keykeeper.py): that
    # write belongs to the create, so it is made now rather than during the verify.
    filled.keeper.flush()
    listing = sorted(tmp_path.rglob("*"))
    verify_backup(tmp_path / "b.age", key)
    assert sorted(tmp_path.rglob("*")) == listing


def test_restore_refuses_a_weak_passphrase_before_making_anything(
        filled: Vault, tmp_path: Path, identity: x25519.Identity, key: Key) -> None:
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    with pytest.raises(WeakPassphrase):
        restore_backup(tmp_path / "b.age", key, tmp_path / "r", "password")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.age", "vault"]


def test_restore_refuses_a_folder_that_is_not_empty(filled: Vault, tmp_path: Path,
                                                    identity: x25519.Identity,
                                                    key: Key) -> None:
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "keep.txt").write_text("mine")
    with pytest.raises(Exception, match="new or empty folder"):
        restore_backup(tmp_path / "b.age", key, tmp_path / "r", NEW_PASSPHRASE)
    assert [p.name for p in (tmp_path / "r").iterdir()] == ["keep.txt"]


def test_restore_into_an_empty_folder(filled: Vault, tmp_path: Path,
                                      identity: x25519.Identity, key: Key) -> None:
    create_backup(filled.database, tmp_path / "b.age", recipients=[identity.to_public()])
    (tmp_path / "r").mkdir()
    restore_backup(tmp_path / "b.age", signed_by(filled, key), tmp_path / "r", NEW_PASSPHRASE,
                   params=Argon2Params.minimum())
    assert Vault.exists(tmp_path / "r")
