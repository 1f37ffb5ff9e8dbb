"""The vault: creating, unlocking, locking, the recovery key, passphrase changes, damage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from db.crypto.kdf import MIN_ITERATIONS, MIN_LANES, MIN_MEMORY_KIB, calibrate
from db.errors import (
    DatabaseDamaged,
    KeyFileDamaged,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from db.services.dto import ClientInput
from db.services.hub import Services
from db.vault.vault import DB_NAME, KEY_NAME, Vault
from tests.conftest import PASSPHRASE, make_vault


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_client(vault: Vault, code: str = "ROWAN") -> None:
    Services.for_vault(vault).clients.create(ClientInput(code=code))


def codes(vault: Vault) -> list[str]:
    return [c.code for c in Services.for_vault(vault).clients.list_clients()]


def test_create_lock_and_reopen_keeps_data(vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    add_client(vault)
    vault.lock()
    with pytest.raises(VaultLocked):
        codes(vault)
    vault.unlock(PASSPHRASE)
    assert codes(vault) == ["ROWAN"]
    vault.close()
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        assert codes(reopened) == ["ROWAN"]


def test_wrong_passphrase_is_refused_and_changes_nothing(vault: Vault, vault_dir: Path) -> None:
    vault.close()
    before = {p.name: digest(p) for p in vault_dir.iterdir() if p.is_file()}
    with Vault.open(vault_dir) as reopened:
        with pytest.raises(WrongPassphrase, match="Wrong passphrase."):
            reopened.unlock("not the passphrase at all")
        assert not reopened.is_unlocked
    after = {p.name: digest(p) for p in vault_dir.iterdir() if p.is_file()}
    assert after == before


def test_recovery_key_unlocks(vault_dir: Path) -> None:
    vault, recovery_key = make_vault(vault_dir)
    add_client(vault)
    vault.close()
    with Vault.open(vault_dir) as reopened:
        # People type keys in lower case, with spaces instead of dashes.
        reopened.unlock_with_recovery_key(recovery_key.lower().replace("-", " "))
        assert codes(reopened) == ["ROWAN"]


def test_mistyped_and_wrong_recovery_keys_are_told_apart(vault: Vault) -> None:
    from db.crypto.recovery import new_recovery_key

    vault.lock()
    with pytest.raises(WrongRecoveryKey, match="typo"):
        vault.unlock_with_recovery_key("AAAA-" * 8 + "AAAA")
    with pytest.raises(WrongRecoveryKey, match="Wrong recovery key"):
        vault.unlock_with_recovery_key(new_recovery_key())


def test_passphrase_change_rewraps_only(vault_dir: Path) -> None:
    vault, recovery_key = make_vault(vault_dir)
    add_client(vault)
    vault.close()
    db_before = digest(vault_dir / DB_NAME)
    new = "a different lantern by the sea"
    with Vault.open(vault_dir) as opened:
        with pytest.raises(WrongPassphrase):
            opened.change_passphrase("wrong current passphrase", new)
        opened.change_passphrase(PASSPHRASE, new)
    assert digest(vault_dir / DB_NAME) == db_before
    with Vault.open(vault_dir) as opened:
        with pytest.raises(WrongPassphrase):
            opened.unlock(PASSPHRASE)
        opened.unlock(new)
        assert codes(opened) == ["ROWAN"]
    with Vault.open(vault_dir) as opened:
        opened.unlock_with_recovery_key(recovery_key)  # the recovery key still works


def test_forgotten_passphrase_reset_with_recovery_key(vault_dir: Path) -> None:
    vault, recovery_key = make_vault(vault_dir)
    vault.close()
    with Vault.open(vault_dir) as opened:
        opened.reset_passphrase(recovery_key, "seven quiet birds over water")
    with Vault.open(vault_dir) as opened:
        opened.unlock("seven quiet birds over water")


def test_weak_passphrases_are_refused(tmp_path: Path) -> None:
    for weak in ("password", "aaaaaaaaaaaa", "abc123", "short"):
        with pytest.raises(WeakPassphrase):
            make_vault(tmp_path / "v", weak)
    assert not (tmp_path / "v" / KEY_NAME).exists()


def test_second_process_cannot_open_the_same_vault(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(VaultInUse, match="already open"):
        Vault.open(vault_dir)
    vault.close()
    Vault.open(vault_dir).close()


def test_create_refuses_an_existing_vault(vault: Vault, vault_dir: Path) -> None:
    vault.close()
    with pytest.raises(VaultExists):
        make_vault(vault_dir)


def test_open_without_a_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path)


def test_files_are_private_to_the_user(vault: Vault, vault_dir: Path) -> None:
    Services.for_vault(vault).clients.create(ClientInput(code="WAL"))  # the WAL is in use
    for name in (KEY_NAME, DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        assert (vault_dir / name).stat().st_mode & 0o077 == 0, name
    assert vault_dir.stat().st_mode & 0o077 == 0


def test_opening_tightens_an_older_vaults_permissions(vault: Vault, vault_dir: Path) -> None:
    vault.close()
    (vault_dir / DB_NAME).chmod(0o644)
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
    assert (vault_dir / DB_NAME).stat().st_mode & 0o077 == 0


def test_key_file_holds_authenticated_floor_parameters(vault: Vault, vault_dir: Path) -> None:
    doc = json.loads((vault_dir / KEY_NAME).read_text())
    kdf = doc["slots"]["passphrase"]["kdf"]
    assert kdf["name"] == "argon2id"
    assert kdf["memory_kib"] >= MIN_MEMORY_KIB
    assert kdf["iterations"] >= MIN_ITERATIONS
    assert kdf["lanes"] >= MIN_LANES
    vault.close()
    # Lowering the work factor in the file must not give a weaker unlock: refused outright.
    kdf["iterations"] = 1
    (vault_dir / KEY_NAME).write_text(json.dumps(doc))
    with pytest.raises(KeyFileDamaged):
        Vault.open(vault_dir)


def test_tampered_parameters_fail_authentication(vault: Vault, vault_dir: Path) -> None:
    vault.close()
    doc = json.loads((vault_dir / KEY_NAME).read_text())
    doc["slots"]["passphrase"]["kdf"]["iterations"] += 1  # still allowed, but not the original
    (vault_dir / KEY_NAME).write_text(json.dumps(doc))
    with Vault.open(vault_dir) as opened, pytest.raises(WrongPassphrase):
        opened.unlock(PASSPHRASE)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "flip_wrapped_key"])
def test_damaged_key_file(vault: Vault, vault_dir: Path, damage: str) -> None:
    vault.close()
    path = vault_dir / KEY_NAME
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff" * 50)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        doc = json.loads(raw)
        wrapped = doc["slots"]["passphrase"]["wrapped_key"]
        flipped = ("B" if wrapped[0] == "A" else "A") + wrapped[1:]
        doc["slots"]["passphrase"]["wrapped_key"] = flipped
        path.write_text(json.dumps(doc))
    db_before = digest(vault_dir / DB_NAME)
    with pytest.raises((KeyFileDamaged, WrongPassphrase)), Vault.open(vault_dir) as opened:
        opened.unlock(PASSPHRASE)
    assert digest(vault_dir / DB_NAME) == db_before


def test_key_file_from_a_newer_version(vault: Vault, vault_dir: Path) -> None:
    vault.close()
    doc = json.loads((vault_dir / KEY_NAME).read_text())
    doc["version"] = 3
    (vault_dir / KEY_NAME).write_text(json.dumps(doc))
    with pytest.raises(VaultTooNew, match="newer version"):
        Vault.open(vault_dir)


def test_database_from_a_newer_version(vault: Vault, vault_dir: Path) -> None:
    from sqlalchemy import text

    with vault.database.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'f00dfeedcafe'"))
    vault.close()
    before = digest(vault_dir / DB_NAME)
    with Vault.open(vault_dir) as opened, pytest.raises(VaultTooNew):
        opened.unlock(PASSPHRASE)
    assert digest(vault_dir / DB_NAME) == before


@pytest.mark.parametrize("where", ["first_page", "middle_page", "last_page"])
def test_flipped_byte_in_a_database_page_is_reported(vault_dir: Path, where: str) -> None:
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    for n in range(40):
        services.clients.create(ClientInput(code=f"C{n:03}", notes="x" * 3000))
    vault.close()
    path = vault_dir / DB_NAME
    raw = bytearray(path.read_bytes())
    page = 4096
    pages = len(raw) // page
    index = {"first_page": 0, "middle_page": pages // 2, "last_page": pages - 1}[where]
    offset = index * page + 100
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    before = digest(path)
    with Vault.open(vault_dir) as opened:
        with pytest.raises(DatabaseDamaged, match="damaged"):
            opened.unlock(PASSPHRASE)
        assert not opened.is_unlocked
    assert digest(path) == before


def test_missing_sqlcipher_refuses_to_start(vault: Vault, vault_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from db.errors import SQLCipherMissing

    vault.close()
    # A None entry in sys.modules makes the import itself fail, as on a broken install.
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)
    with pytest.raises(SQLCipherMissing, match="never stores notes unencrypted"):
        Vault.open(vault_dir)


def test_calibration_never_goes_below_the_floor() -> None:
    params = calibrate(target=(0.0, 0.0))
    assert params.memory_kib >= MIN_MEMORY_KIB
    assert params.iterations >= MIN_ITERATIONS
    assert params.lanes >= MIN_LANES
