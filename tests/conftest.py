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
