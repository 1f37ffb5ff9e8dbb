"""The whole key file is authenticated at every unlock; damage to the recovery slot is
told at once, and a new recovery key retires the old one."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from db.crypto import kdf
from db.crypto.keyfile import KeyFile
from db.errors import KeyFileDamaged, VaultTooNew, WrongPassphrase, WrongRecoveryKey
from db.vault import keykeeper
from db.vault.files import KEY_NAME
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault
from tests.db.keyfile_helpers import as_version_1, flipped, slot_range, with_raw_passphrase


@pytest.fixture
def made(vault_dir: Path) -> tuple[bytes, str]:
    """A closed vault's key file (bytes) and its recovery key."""
    vault, recovery_key = make_vault(vault_dir)
    vault.close()
    return (vault_dir / KEY_NAME).read_bytes(), recovery_key


@pytest.fixture
def memo_derive(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id is deterministic: each distinct (passphrase, parameters) is derived once,
    for real, so that hundreds of flips cost seconds instead of minutes."""
    real, cache = kdf.derive, {}

    def derive(passphrase: str, params: kdf.Argon2Params) -> bytes:
        key = (passphrase, params)
        if key not in cache:
            cache[key] = real(passphrase, params)
        return cache[key]

    monkeypatch.setattr(kdf, "derive", derive)


def _outcome(raw: bytes, recovery_key: str) -> str:
    """What unlocking a (possibly flipped) key file with the passphrase comes to:
    ``refused`` (a typed error), ``told`` (unlocks; the recovery key is said not to work),
    ``intact`` (unlocks and the recovery key really works) or ``silent`` (unlocks, says
    nothing, and the recovery key fails: the failure this test exists for)."""
    try:
        keyfile = KeyFile.from_json(raw)
        data_key = keyfile.open_with_passphrase(PASSPHRASE)
    except (KeyFileDamaged, WrongPassphrase, VaultTooNew):
        return "refused"
    kept, _ = keykeeper.trusted(keyfile, data_key, "passphrase")
    if kept.recovery is None:
        return "told"
    try:
        kept.open_with_recovery_key(recovery_key)
    except WrongRecoveryKey:
        return "silent"
    return "intact"


@pytest.mark.slow
@pytest.mark.usefixtures("memo_derive")
@pytest.mark.parametrize("slot", ["recovery", "passphrase"])
def test_a_flip_at_every_byte_of_a_slot_is_never_silent(made: tuple[bytes, str],
                                                        slot: str) -> None:
    raw, recovery_key = made
    tally: dict[str, int] = {}
    for index in slot_range(raw, slot):
        outcome = _outcome(flipped(raw, index), recovery_key)
        tally[outcome] = tally.get(outcome, 0) + 1
    print(f"{slot} slot flips: {tally}")  # noqa: T201 (the figures for the notes)
    assert tally.get("silent", 0) == 0
    assert tally.get("intact", 0) == 0  # every flip changes what the MAC covers
    if slot == "passphrase":
        assert set(tally) == {"refused"}


def test_damaged_recovery_slot_is_told_at_unlock_and_a_new_key_fixes_it(
        made: tuple[bytes, str], vault_dir: Path) -> None:
    _, old_recovery = made
    path = vault_dir / KEY_NAME
    doc = json.loads(path.read_text())
    wrapped = doc["slots"]["recovery"]["wrapped_key"]
    doc["slots"]["recovery"]["wrapped_key"] = ("B" if wrapped[0] == "A" else "A") + wrapped[1:]
    path.write_text(json.dumps(doc, indent=2))
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE)
        notice = vault.recovery_notice
        assert notice is not None
        assert "recovery key of this vault no longer works" in str(notice)
    with Vault.open(vault_dir) as vault:  # still said at the next unlock
        vault.unlock(PASSPHRASE)
        assert vault.recovery_notice is not None
        fresh = vault.new_recovery_key()
        assert vault.recovery_notice is None
    with Vault.open(vault_dir) as vault:
        with pytest.raises(WrongRecoveryKey):
            vault.unlock_with_recovery_key(old_recovery)
        vault.unlock_with_recovery_key(fresh)
        assert vault.recovery_notice is None


def test_new_recovery_key_retires_the_old_one(made: tuple[bytes, str],
                                              vault_dir: Path) -> None:
    _, old_recovery = made
    with Vault.open(vault_dir) as vault:
        fresh = vault.new_recovery_key(PASSPHRASE)  # locked: the passphrase opens it
    with Vault.open(vault_dir) as vault:
        with pytest.raises(WrongRecoveryKey):
            vault.unlock_with_recovery_key(old_recovery)
        vault.unlock_with_recovery_key(fresh)


def test_version_1_key_file_opens_and_is_upgraded(made: tuple[bytes, str],
                                                 vault_dir: Path) -> None:
    _, recovery_key = made
    as_version_1(vault_dir / KEY_NAME)
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE)
        assert vault.recovery_notice is None
    doc = json.loads((vault_dir / KEY_NAME).read_text())
    assert doc["version"] == 2
    assert len(doc["mac"]) == 64
    assert not list(vault_dir.glob(".*.part"))  # written atomically, nothing left over
    with Vault.open(vault_dir) as vault:
        vault.unlock_with_recovery_key(recovery_key)


DECOMPOSED = "quiet harbour lante\u0301rn 4 violet"  # "é" as "e" + combining accent


def test_passphrases_are_nfc_normalised(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", DECOMPOSED)
    assert composed != DECOMPOSED
    vault, _ = make_vault(tmp_path / "v", DECOMPOSED)
    vault.close()
    with Vault.open(tmp_path / "v") as reopened:
        reopened.unlock(composed)  # typed on a keyboard that composes


def test_a_vault_made_with_a_decomposed_passphrase_still_opens(made: tuple[bytes, str],
                                                              vault_dir: Path) -> None:
    path = vault_dir / KEY_NAME
    keyfile = KeyFile.load(path)
    data_key = keyfile.open_with_passphrase(PASSPHRASE)
    path.write_bytes(with_raw_passphrase(keyfile, data_key, DECOMPOSED).to_json(data_key))
    as_version_1(path)  # as Threadline 1 left it
    with Vault.open(vault_dir) as vault:
        with pytest.raises(WrongPassphrase):
            vault.unlock(unicodedata.normalize("NFC", DECOMPOSED))
        vault.unlock(DECOMPOSED)  # the raw form, tried second; wrapped again under NFC
    with Vault.open(vault_dir) as vault:
        vault.unlock(unicodedata.normalize("NFC", DECOMPOSED))
