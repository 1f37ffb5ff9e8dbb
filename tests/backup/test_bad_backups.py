"""Every damaged, tampered, foreign or wrong-key backup: one clear sentence, nothing made.

Each case is checked through ``verify`` and ``restore``: the error is a BackupError whose
message is one sentence, and no restore folder (finished or half-made) is left behind.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
from pathlib import Path

import pyrage
import pytest
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from db.backup import archive
from db.backup.errors import BackupError
from db.backup.service import Key, restore_backup, verify_backup
from db.crypto.kdf import Argon2Params
from tests.backup.conftest import write

NEW_PASSPHRASE = "amber meadow 71 distant kettle"


def assert_refused(tmp_path: Path, data: bytes, key: Key, match: str = "") -> str:
    path = write(tmp_path, "bad.age", data)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(BackupError) as verified:
        verify_backup(path, key)
    with pytest.raises(BackupError) as restored:
        restore_backup(path, key, tmp_path / "restored", NEW_PASSPHRASE,
                       params=Argon2Params.minimum())
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no (half-made) vault
    message = str(verified.value)
    assert message == str(restored.value)
    assert message.endswith((".", ")"))
    assert "\n" not in message
    assert message.count(". ") == 0, message  # one sentence
    assert match in message
    return message


def tar_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def members_of(good: bytes, identity: x25519.Identity) -> list[tuple[str, bytes]]:
    """The members a forger re-seals (a re-sealed archive cannot keep the signature)."""
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(good, [identity]))) as tar:
        return [(m.name, tar.extractfile(m).read())  # type: ignore[union-attr]
                for m in tar if m.name != archive.SIGNATURE]


def reseal(members: list[tuple[str, bytes]], identity: x25519.Identity,
           fix_manifest: bool = True) -> bytes:
    """Re-encrypt changed members, recomputing the manifest's checksums if asked."""
    if fix_manifest:
        manifest = json.loads(members[0][1])
        manifest["members"] = {name: {"sha256": archive.digest(data), "size": len(data)}
                               for name, data in members[1:]}
        members = [("manifest.json", json.dumps(manifest).encode()), *members[1:]]
    return pyrage.encrypt(tar_of(members), [identity.to_public()])


def test_wrong_identity(tmp_path: Path, good_backup: bytes) -> None:
    other = Key(identities=(x25519.Identity.generate(),))
    assert_refused(tmp_path, good_backup, other, "None of the given keys")


def test_wrong_passphrase(tmp_path: Path) -> None:
    data = age_passphrase.encrypt(b"anything", "the right one")
    assert_refused(tmp_path, data, Key(passphrase="the wrong one"), "Wrong passphrase")


def test_passphrase_backup_without_a_passphrase(tmp_path: Path, key: Key) -> None:
    data = age_passphrase.encrypt(b"anything", "the right one")
    assert_refused(tmp_path, data, key, "protected by a passphrase")


def test_key_backup_with_a_passphrase(tmp_path: Path, good_backup: bytes) -> None:
    assert_refused(tmp_path, good_backup, Key(passphrase="x"), "identity file")


@pytest.mark.parametrize("fraction", [i / 37 for i in range(37)])
def test_truncated(tmp_path: Path, good_backup: bytes, key: Key, fraction: float) -> None:
    cut = int(len(good_backup) * fraction)
    assert_refused(tmp_path, good_backup[:cut], key)


def test_truncated_by_one_byte(tmp_path: Path, good_backup: bytes, key: Key) -> None:
    assert_refused(tmp_path, good_backup[:-1], key, "damaged")


@pytest.mark.parametrize("fraction", [i / 41 for i in range(41)])
def test_one_flipped_byte(tmp_path: Path, good_backup: bytes, key: Key, fraction: float) -> None:
    data = bytearray(good_backup)
    data[int(len(data) * fraction)] ^= 0x04
    assert_refused(tmp_path, bytes(data), key)


def test_flipped_last_byte(tmp_path: Path, good_backup: bytes, key: Key) -> None:
    data = bytearray(good_backup)
    data[-1] ^= 0x80
    assert_refused(tmp_path, bytes(data), key, "damaged")


@pytest.mark.parametrize("tail", [b"x", b"\n", b"age-encryption.org/v1\n", bytes(4096)])
def test_trailing_garbage(tmp_path: Path, good_backup: bytes, key: Key, tail: bytes) -> None:
    assert_refused(tmp_path, good_backup + tail, key, "damaged")


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04 a zip file", bytes(range(256)),
                                  b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n"])
def test_not_age(tmp_path: Path, key: Key, data: bytes) -> None:
    assert_refused(tmp_path, data, key)


def test_age_file_of_something_else(tmp_path: Path, key: Key, identity: x25519.Identity) -> None:
    data = pyrage.encrypt(b"holiday photos", [identity.to_public()])
    assert_refused(tmp_path, data, key, "not a Threadline backup")


def test_age_file_of_another_tar(tmp_path: Path, key: Key, identity: x25519.Identity) -> None:
    data = pyrage.encrypt(tar_of([("README", b"hi")]), [identity.to_public()])
    assert_refused(tmp_path, data, key, "not a Threadline backup")


def test_unknown_backup_format_version(tmp_path: Path, good_backup: bytes, key: Key,
                                       identity: x25519.Identity) -> None:
    members = members_of(good_backup, identity)
    manifest = json.loads(members[0][1])
    manifest["format_version"] = 2
    members[0] = ("manifest.json", json.dumps(manifest).encode())
    assert_refused(tmp_path, reseal(members, identity, fix_manifest=False), key,
                   "format version 2")


def test_unknown_export_format_version(tmp_path: Path, good_backup: bytes, key: Key,
                                       identity: x25519.Identity) -> None:
    members = members_of(good_backup, identity)
    export = json.loads(members[1][1])
    export["format_version"] = 9
    members[1] = ("vault.json", json.dumps(export).encode())
    assert_refused(tmp_path, reseal(members, identity), key, "format version 9")


def test_manifest_checksum_mismatch(tmp_path: Path, good_backup: bytes, key: Key,
                                    identity: x25519.Identity) -> None:
    members = members_of(good_backup, identity)
    name, note = members[2]
    members[2] = (name, note.replace(b"late", b"LATE"))
    assert_refused(tmp_path, reseal(members, identity, fix_manifest=False), key, "checksum")


def test_member_missing(tmp_path: Path, good_backup: bytes, key: Key,
                        identity: x25519.Identity) -> None:
    members = members_of(good_backup, identity)
    assert_refused(tmp_path, reseal(members[:-1], identity, fix_manifest=False), key,
                   "missing")


@pytest.mark.parametrize("name", ["../evil.md", "notes/../../x.md", "/etc/passwd", "other.bin"])
def test_unexpected_member(tmp_path: Path, good_backup: bytes, key: Key,
                           identity: x25519.Identity, name: str) -> None:
    members = [*members_of(good_backup, identity), (name, b"x")]
    assert_refused(tmp_path, reseal(members, identity), key, "never writes")


def test_export_that_breaks_the_schema(tmp_path: Path, good_backup: bytes, key: Key,
                                       identity: x25519.Identity) -> None:
    members = members_of(good_backup, identity)
    export = json.loads(members[1][1])
    export["sessions"][0]["date"] = "last Tuesday"
    members[1] = ("vault.json", json.dumps(export).encode())
    assert_refused(tmp_path, reseal(members, identity), key, "“date” must be a date")


def test_export_with_duplicate_ids(tmp_path: Path, good_backup: bytes, key: Key,
                                   identity: x25519.Identity) -> None:
    members = members_of(good_backup, identity)
    export = json.loads(members[1][1])
    export["sessions"][1]["id"] = export["sessions"][0]["id"]
    members[1] = ("vault.json", json.dumps(export).encode())
    assert_refused(tmp_path, reseal(members, identity), key, "same id")


def test_absurd_scrypt_work_factor_is_refused_quickly(tmp_path: Path) -> None:
    data = age_passphrase.encrypt(b"x", "pw")
    forged = re.sub(rb"(-> scrypt \S+) \d+\n", rb"\1 40\n", data, count=1)
    assert forged != data
    assert_refused(tmp_path, forged, Key(passphrase="pw"), "slow")
