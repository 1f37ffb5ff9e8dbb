"""Verify and restore read a backup as a stream, and refuse what they refused when whole.

The backups here span several 64 KiB chunks (one long note), so a damaged chunk can sit
in the middle, at the end, or be cut at a chunk boundary. Backups to a key are made by
Threadline and read through ``pyrage.decrypt_io`` in a thread; passphrase files are sealed
by the test writer (tests/backup/age_writer.py, a fast work factor) over Threadline's own
archive and read by :mod:`db.backup.scrypt_stream`. Every refusal is checked through
verify and restore by ``assert_refused``: one sentence, the same for both, nothing made.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyrage import x25519

from db.backup import archive, signing
from db.backup.errors import BackupDamaged, WrongBackupKey
from db.backup.service import Key, build_archive, create_backup, restore_backup, verify_backup
from db.clock import utcnow
from db.crypto.kdf import Argon2Params
from db.errors import Cancelled
from db.interchange import export_document
from db.progress import Cancel, Step
from db.vault.vault import Vault
from tests.backup import age_writer
from tests.backup.conftest import write
from tests.backup.test_bad_backups import (
    NEW_PASSPHRASE,
    assert_refused,
    members_of,
    reseal,
    tar_of,
)
from tests.conftest import make_vault
from tests.interchange.fill import fill

PASSPHRASE = "tide pool 3 rope"
CHUNK = age_writer.CHUNK
SEALED = CHUNK + 16
DAMAGED = BackupDamaged.default_message
WRONG_PASSPHRASE = WrongBackupKey.default_message
LONG_NOTE = "She described the garden again, the gate left open, the dog asleep. " * 2500


@dataclasses.dataclass(frozen=True)
class Made:
    """A backup to ``identity`` made by Threadline, and the plaintext archive of the vault."""

    backup: bytes
    archive: bytes
    signer: Ed25519PublicKey
    sessions: int


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, identity: x25519.Identity) -> Made:
    folder = tmp_path_factory.mktemp("large")
    vault, _ = make_vault(folder / "vault")
    try:
        services = fill(vault)
        client = next(c for c in services.clients.list_clients() if c.code == "ÉL-07")
        second = next(s for s in services.sessions.list_for_client(client.id) if s.number == 2)
        services.notes.save(second.id, "process", LONG_NOTE, reason="manual")
        create_backup(vault.database, folder / "b.age", recipients=[identity.to_public()])
        plain, counts = build_archive(vault.database, utcnow())
        signer = signing.vault_key(vault.database).public_key()
    finally:
        vault.close()
    return Made((folder / "b.age").read_bytes(), plain, signer, counts["sessions"])


def payload_start(data: bytes) -> int:
    return age_writer.header_length(data) + 16


def test_a_backup_of_many_chunks_is_read(made: Made, tmp_path: Path, key: Key) -> None:
    assert len(made.archive) > 4 * CHUNK
    path = write(tmp_path, "b.age", made.backup)
    trusted = dataclasses.replace(key, signers=(made.signer,))
    assert verify_backup(path, trusted).counts["sessions"] == made.sessions
    restore_backup(path, trusted, tmp_path / "restored", NEW_PASSPHRASE,
                   params=Argon2Params.minimum())
    with Vault.open(tmp_path / "restored") as restored:
        restored.unlock(NEW_PASSPHRASE)
        notes = [row["process_note"] for row in export_document(restored.database)["sessions"]]
    assert LONG_NOTE in notes


def test_a_passphrase_file_of_many_chunks_is_read(made: Made, tmp_path: Path) -> None:
    path = write(tmp_path, "p.age", age_writer.encrypt(made.archive, PASSPHRASE))
    assert verify_backup(path, Key(passphrase=PASSPHRASE)).counts["sessions"] == made.sessions
    restore_backup(path, Key(passphrase=PASSPHRASE), tmp_path / "restored", NEW_PASSPHRASE,
                   params=Argon2Params.minimum())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.age", "restored"]


def _flipped(data: bytes, index: int) -> bytes:
    changed = bytearray(data)
    if index < payload_start(data) - 16:  # header text: another base64 character
        changed[index] = ord("B") if data[index] == ord("A") else ord("A")
    else:
        changed[index] ^= 0x01
    return bytes(changed)


def _damages(data: bytes) -> dict[str, bytes]:
    start = payload_start(data)
    stanza_body = data.index(b"\n", data.index(b"\n-> ") + 1) + 3
    mac = data.index(b"\n--- ") + 6
    boundary = start + 2 * SEALED
    return {
        "stanza body": _flipped(data, stanza_body),
        "header MAC": _flipped(data, mac),
        "middle chunk": _flipped(data, start + 2 * SEALED + 1000),
        "last chunk": _flipped(data, len(data) - 5),
        "cut at a chunk boundary": data[:boundary],
        "cut inside a chunk": data[:boundary + 5000],
        "a chunk after the last": data + data[start:start + SEALED],
    }


@pytest.mark.parametrize("where", ["stanza body", "header MAC", "middle chunk", "last chunk",
                                   "cut at a chunk boundary", "cut inside a chunk",
                                   "a chunk after the last"])
def test_a_damaged_backup_to_a_key(made: Made, tmp_path: Path, key: Key, where: str) -> None:
    message = assert_refused(tmp_path, _damages(made.backup)[where], key)
    if where == "stanza body":
        assert message.startswith("None of the given keys can open this backup")
    else:
        assert message == DAMAGED


@pytest.mark.parametrize("where", ["stanza body", "header MAC", "middle chunk", "last chunk",
                                   "cut at a chunk boundary", "cut inside a chunk",
                                   "a chunk after the last"])
def test_a_damaged_passphrase_backup(made: Made, tmp_path: Path, where: str) -> None:
    data = _damages(age_writer.encrypt(made.archive, PASSPHRASE))[where]
    wanted = WRONG_PASSPHRASE if where == "stanza body" else DAMAGED
    assert assert_refused(tmp_path, data, Key(passphrase=PASSPHRASE)) == wanted


def test_an_authenticated_chunk_after_a_full_final_one(made: Made, tmp_path: Path) -> None:
    plain = made.archive + bytes(-len(made.archive) % CHUNK)  # tar padding: still valid
    sealed = [*age_writer.pieces(plain), (b"\0" * 512, True)]
    data = age_writer.encrypt(b"", PASSPHRASE, chunks=sealed)
    assert assert_refused(tmp_path, data, Key(passphrase=PASSPHRASE)) == DAMAGED
    honest = age_writer.encrypt(plain, PASSPHRASE)
    path = write(tmp_path, "honest.age", honest)
    assert verify_backup(path, Key(passphrase=PASSPHRASE)).counts["sessions"] == made.sessions


def test_wrong_passphrase_and_absurd_work_factor(made: Made, tmp_path: Path) -> None:
    data = age_writer.encrypt(made.archive, PASSPHRASE)
    assert assert_refused(tmp_path, data, Key(passphrase="tide pool 4 rope")) == \
        WRONG_PASSPHRASE
    forged = data.replace(b" %d\n" % age_writer.WORK_FACTOR, b" 23\n", 1)
    assert "unreasonably slow" in assert_refused(tmp_path, forged, Key(passphrase=PASSPHRASE))


def test_a_damaged_ciphertext_outranks_a_foreign_archive(tmp_path: Path, key: Key,
                                                         identity: x25519.Identity) -> None:
    """The archive is judged wrong long before the damage is reached; the damage wins,
    as it did when the whole file was decrypted before the archive was read."""
    foreign = tar_of([("README", os.urandom(5 * CHUNK))])
    for data, given in [(pyrage.encrypt(foreign, [identity.to_public()]), key),
                        (age_writer.encrypt(foreign, PASSPHRASE), Key(passphrase=PASSPHRASE))]:
        assert "not a Threadline backup" in assert_refused(tmp_path, data, given)
        assert assert_refused(tmp_path, _flipped(data, len(data) - 5), given) == DAMAGED


def test_a_checksum_outranks_an_export_that_does_not_parse(tmp_path: Path, key: Key,
                                                          good_backup: bytes,
                                                          identity: x25519.Identity) -> None:
    """The export is parsed as it streams by, but its checksum is heard first."""
    members = members_of(good_backup, identity)
    assert members[1][0] == archive.EXPORT
    members[1] = (archive.EXPORT, members[1][1][:-40] + b"\xff not json")
    assert "checksum" in assert_refused(tmp_path, reseal(members, identity, fix_manifest=False),
                                        key)
    assert "not valid" in assert_refused(tmp_path, reseal(members, identity), key)


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def _decrypting_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "backup decryption"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/fd")
def test_a_cancel_stops_the_reading_and_leaves_nothing(made: Made, tmp_path: Path,
                                                       key: Key) -> None:
    path = write(tmp_path, "b.age", made.backup)
    fds = _open_fds()
    cancel = Cancel()

    def progress(step: Step, done: float | None) -> None:
        if step is Step.CHECKING:
            cancel.set()

    with pytest.raises(Cancelled):
        restore_backup(path, dataclasses.replace(key, signers=(made.signer,)),
                       tmp_path / "restored", NEW_PASSPHRASE, params=Argon2Params.minimum(),
                       progress=progress, cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.age"]
    assert _decrypting_threads() == []
    assert _open_fds() == fds


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/fd")
def test_a_failed_read_leaves_no_thread_and_no_descriptor(made: Made, tmp_path: Path,
                                                          key: Key) -> None:
    damaged = _damages(made.backup)
    fds = _open_fds()
    for where in ("middle chunk", "cut inside a chunk", "header MAC"):
        assert assert_refused(tmp_path, damaged[where], key) == DAMAGED
    assert_refused(tmp_path, made.backup, Key(identities=(x25519.Identity.generate(),)))
    assert _decrypting_threads() == []
    assert _open_fds() == fds
