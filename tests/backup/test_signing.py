"""Backups are signed by their vault; restore says whether it made them and refuses forgeries.

Anyone holding a vault's backup public key could make a backup that restore accepted.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from db.backup import archive, signing
from db.backup.service import Key, create_backup, restore_backup, verify_backup
from db.crypto.kdf import Argon2Params
from db.interchange import dumps, export_document, import_document, read_bytes
from db.vault.vault import Vault
from tests.conftest import make_vault
from tests.interchange.fill import fill

NEW = "amber meadow 71 distant kettle"


@pytest.fixture
def ours(vault: Vault, identity: x25519.Identity, tmp_path: Path) -> tuple[Vault, Key]:
    """A filled vault, and the key a clinician restoring its backups would give."""
    fill(vault)
    create_backup(vault.database, tmp_path / "ours.age", recipients=[identity.to_public()])
    public = signing.vault_public_key(vault.database)
    assert public is not None
    return vault, Key(identities=(identity,), signers=(public,))


def forged_by_another_vault(tmp_path: Path, identity: x25519.Identity) -> Path:
    """Someone with only the public key and a vault of their own makes a backup."""
    other, _ = make_vault(tmp_path / "forger")
    try:
        fill(other)
        create_backup(other.database, tmp_path / "forged.age",
                      recipients=[identity.to_public()])
    finally:
        other.close()
    return tmp_path / "forged.age"


def unsigned(vault: Vault, tmp_path: Path, identity: x25519.Identity) -> Path:
    """A backup as Threadline 0.1 wrote it (or anyone can write): no signature."""
    document = export_document(vault.database)
    members = [(archive.EXPORT, dumps(document))]
    counts = {name: len(document[name]) for name in document if isinstance(document[name],
                                                                           list)}
    tar = archive.build(members, app_version="0.1.0", schema_version=document["schema_version"],
                        created_at=document["exported_at"], counts=counts)
    path = tmp_path / "unsigned.age"
    path.write_bytes(pyrage.encrypt(tar, [identity.to_public()]))
    return path


def test_a_backup_says_it_was_made_by_this_vault(ours: tuple[Vault, Key],
                                                 tmp_path: Path) -> None:
    summary = verify_backup(tmp_path / "ours.age", ours[1])
    assert summary.verdict is not None
    assert summary.verdict.signed is signing.Signed.BY_EXPECTED
    assert "made by this vault" in summary.verdict.describe()


def test_a_backup_forged_with_the_public_key_is_refused(
        ours: tuple[Vault, Key], tmp_path: Path, identity: x25519.Identity) -> None:
    forged = forged_by_another_vault(tmp_path, identity)
    with pytest.raises(signing.UnverifiedBackup, match="signed by another vault"):
        restore_backup(forged, ours[1], tmp_path / "r", NEW, params=Argon2Params.minimum())
    assert not (tmp_path / "r").exists()


def test_an_unsigned_backup_is_refused_unless_the_clinician_insists(
        ours: tuple[Vault, Key], tmp_path: Path, identity: x25519.Identity) -> None:
    path = unsigned(ours[0], tmp_path, identity)
    with pytest.raises(signing.UnverifiedBackup, match="Threadline 0.1 are not signed"):
        restore_backup(path, ours[1], tmp_path / "r", NEW, params=Argon2Params.minimum())
    assert not (tmp_path / "r").exists()
    insist = dataclasses.replace(ours[1], accept_unsigned=True)
    summary, _ = restore_backup(path, insist, tmp_path / "r", NEW,
                                params=Argon2Params.minimum())
    assert summary.verdict is not None
    assert summary.verdict.signed is signing.Signed.UNSIGNED
    assert Vault.exists(tmp_path / "r")


def test_an_altered_signature_does_not_verify(ours: tuple[Vault, Key], tmp_path: Path,
                                              identity: x25519.Identity) -> None:
    plain = pyrage.decrypt((tmp_path / "ours.age").read_bytes(), [identity])
    manifest, _ = archive.read(plain)
    assert manifest.signature is not None
    bad = manifest.signature.replace(b'"signature": "', b'"signature": "AAAA', 1)
    assert signing.check(manifest.raw, bad, ours[1].signers).signed is signing.Signed.INVALID
    assert signing.check(manifest.raw + b" ", manifest.signature,
                         ours[1].signers).signed is signing.Signed.INVALID


def test_a_signed_passphrase_backup_restores_on_a_new_computer(vault: Vault,
                                                               tmp_path: Path) -> None:
    """No key to compare with, but only the passphrase's holder can make such a backup."""
    fill(vault)
    create_backup(vault.database, tmp_path / "p.age", passphrase="tide pool 3 rope")
    summary, _ = restore_backup(tmp_path / "p.age", Key(passphrase="tide pool 3 rope"),
                                tmp_path / "r", NEW, params=Argon2Params.minimum())
    assert summary.verdict is not None
    assert summary.verdict.signed is signing.Signed.BY_UNKNOWN


def test_the_signing_key_never_leaves_the_vault(ours: tuple[Vault, Key]) -> None:
    vault = ours[0]
    document = export_document(vault.database)
    keys = {row["key"] for row in document["vault_settings"]}
    assert signing.SETTING not in keys
    before = signing.vault_public_key(vault.database)
    document["vault_settings"].append({"key": signing.SETTING, "value": "QUFBQQ=="})
    other, _ = make_vault(vault.folder.parent / "fresh")
    try:
        import_document(other.database, read_bytes(dumps(document)))
        assert signing.vault_public_key(other.database) is None  # not taken from a file
    finally:
        other.close()
    assert signing.vault_public_key(vault.database) == before
