"""Fixtures: real, encrypted vaults in temporary folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.crypto.kdf import Argon2Params
from db.services.hub import Services, initialize_vault
from db.vault.vault import Vault
from tests.leaks import no_leaked_work  # noqa: F401 (an autouse fixture for every test)

PASSPHRASE = "quiet harbour lantern 4 violet"


def make_vault(folder: Path, passphrase: str = PASSPHRASE) -> tuple[Vault, str]:
    """A new unlocked vault at the floor KDF parameters (no calibration: tests stay fast)."""
    return Vault.create(folder, passphrase, params=Argon2Params.minimum(),
                        initialize=initialize_vault)


def as_made_before_the_seal(folder: Path) -> None:
    """Make a closed vault, downgraded below schema 0005, look as 0.1 left it: no seal of
    its log and no record of it on this device (db.vault.seal, db.vault.device_record)."""
    import shutil

    from db.vault.device_record import default_seen_dir
    from db.vault.files import DB_NAME

    (folder / f"{DB_NAME}-seal").unlink()
    shutil.rmtree(default_seen_dir(), ignore_errors=True)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[Vault]:
    opened, _ = make_vault(vault_dir)
    yield opened
    opened.close()


@pytest.fixture
def services(vault: Vault) -> Services:
    return Services.for_vault(vault)
