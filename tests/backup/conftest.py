"""Fixtures for backup tests: a filled vault, an age key pair, a good backup's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyrage import x25519

from db.backup.service import Key, create_backup
from db.vault.vault import Vault
from tests.conftest import make_vault
from tests.interchange.fill import fill


@pytest.fixture
def filled(vault: Vault) -> Vault:
    fill(vault)
    return vault


@pytest.fixture(scope="module")
def identity() -> x25519.Identity:
    return x25519.Identity.generate()


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory,
                identity: x25519.Identity) -> bytes:
    """The bytes of one valid backup (to a key), made once for many bad-input cases."""
    folder = tmp_path_factory.mktemp("good")
    vault, _ = make_vault(folder / "vault")
    try:
        fill(vault)
        create_backup(vault.database, folder / "good.age", recipients=[identity.to_public()])
    finally:
        vault.close()
    return (folder / "good.age").read_bytes()


@pytest.fixture
def key(identity: x25519.Identity) -> Key:
    return Key(identities=(identity,))


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
