"""The streaming decryptor of passphrase files reads what age writes, and only that.

Honest files come from pyrage (rage) and from this folder's small writer (checked against
pyrage here); the dishonest ones from the writer, which knows the file key and so makes
every tag and the header MAC right where an attacker could not: the decryptor must still
refuse a final chunk without its flag, a chunk after the final one, an empty final chunk.
"""

from __future__ import annotations

import io
import os

import pytest
from pyrage import passphrase as age_passphrase

from db.backup import scrypt_stream
from db.backup.age import TOO_SLOW
from db.backup.errors import BackupDamaged, BackupError, WrongBackupKey
from tests.backup import age_writer

PASSPHRASE = "sea glass 8 lantern"
CHUNK = age_writer.CHUNK
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK]


def decrypted(data: bytes, passphrase: str = PASSPHRASE) -> bytes:
    return b"".join(scrypt_stream.decrypt(io.BytesIO(data), passphrase))


@pytest.mark.parametrize("size", SIZES)
def test_same_bytes_as_pyrage(size: int) -> None:
    plain = os.urandom(size)
    data = age_passphrase.encrypt(plain, PASSPHRASE)
    assert decrypted(data) == age_passphrase.decrypt(data, PASSPHRASE) == plain


@pytest.mark.parametrize("size", SIZES)
def test_the_test_writer_writes_age(size: int) -> None:
    plain = os.urandom(size)
    data = age_writer.encrypt(plain, PASSPHRASE)
    assert age_passphrase.decrypt(data, PASSPHRASE) == plain
    assert decrypted(data) == plain


class Counting(io.BytesIO):
    """A file that remembers how far it has been read."""

    furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data


def test_a_chunk_is_released_before_the_rest_is_read() -> None:
    data = age_writer.encrypt(os.urandom(20 * CHUNK), PASSPHRASE)
    source = Counting(data)
    pieces = scrypt_stream.decrypt(source, PASSPHRASE)
    assert len(next(pieces)) == CHUNK
    assert source.furthest <= age_writer.header_length(data) + 16 + 2 * (CHUNK + 16)


def refused(data: bytes, passphrase: str = PASSPHRASE) -> BackupError:
    with pytest.raises(BackupError) as raised:
        decrypted(data, passphrase)
    return raised.value


def test_wrong_passphrase() -> None:
    error = refused(age_writer.encrypt(b"notes", PASSPHRASE), "sea glass 9 lantern")
    assert type(error) is WrongBackupKey


def chunks(count: int, last_flagged: bool = True) -> list[tuple[bytes, bool]]:
    full = [(os.urandom(CHUNK), False) for _ in range(count - 1)]
    return [*full, (os.urandom(100), last_flagged)]


@pytest.mark.parametrize("sealed", [
    chunks(3, last_flagged=False),  # the file ends without a final chunk
    [(os.urandom(CHUNK), False)],  # nor one of full length
    [*chunks(2), (b"more", True)],  # a chunk after the final one
    [*chunks(2), (b"more", False)],
    [(os.urandom(CHUNK), True), (os.urandom(CHUNK), True)],  # two final chunks
    [(os.urandom(CHUNK), False), (b"", True)],  # an empty final chunk after others
    [(os.urandom(CHUNK), False), (os.urandom(CHUNK), False)],
], ids=["no-final", "no-final-full", "after-final", "after-final-unflagged", "two-final",
        "empty-final", "full-no-final"])
def test_a_stream_honest_tags_cannot_save(sealed: list[tuple[bytes, bool]]) -> None:
    data = age_writer.encrypt(b"", PASSPHRASE, chunks=sealed)
    assert type(refused(data)) is BackupDamaged


def test_the_empty_payload_is_one_empty_final_chunk() -> None:
    assert decrypted(age_writer.encrypt(b"", PASSPHRASE, chunks=[(b"", True)])) == b""
    assert type(refused(age_writer.encrypt(b"", PASSPHRASE, chunks=[]))) is BackupDamaged


def test_header_payload_and_cuts() -> None:
    data = age_writer.encrypt(os.urandom(3 * CHUNK + 5), PASSPHRASE)
    start = age_writer.header_length(data)
    mac = data.index(b"\n--- ") + 6
    body = data.index(b"\n", data.index(b"-> scrypt")) + 3
    cases = {
        "stanza body": (body, WrongBackupKey),
        "header MAC": (mac, BackupDamaged),
        "nonce": (start + 3, BackupDamaged),
        "middle chunk": (start + 16 + CHUNK + 16 + 100, BackupDamaged),
        "last chunk": (len(data) - 3, BackupDamaged),
    }
    for where, (index, kind) in cases.items():
        flipped = bytearray(data)
        if index < start:  # in the header's text: another base64 character
            flipped[index] = ord("B") if data[index] == ord("A") else ord("A")
        else:
            flipped[index] ^= 0x01
        assert type(refused(bytes(flipped))) is kind, where
    boundary = start + 16 + 2 * (CHUNK + 16)
    for cut in (boundary, boundary + 1000, start + 16, start + 8, start, len(data) - 1):
        assert type(refused(data[:cut])) is BackupDamaged, cut
    assert type(refused(data + data[start + 16:start + 16 + CHUNK + 16])) is BackupDamaged


@pytest.mark.parametrize(("text", "kind"), [
    (b"-> scrypt c2FsdHNhbHRzYWx0c2FsdA 010\n", BackupDamaged),  # a leading zero
    (b"-> scrypt c2FsdHNhbHRzYWx0c2FsdA 10 x\n", BackupDamaged),  # an extra argument
    (b"-> scrypt c2FsdHNhbHRzYWx0c2FsdB 10\n", BackupDamaged),  # salt not canonical
    (b"-> scrypt c2FsdHNhbHRzYWx0c2Fs 10\n", BackupDamaged),  # salt too short
    (b"-> scrypt  c2FsdHNhbHRzYWx0c2FsdA 10\n", BackupDamaged),  # an empty argument
    (b"-> scrypt c2FsdHNhbHRzYWx0c2FsdA 10\r\n", BackupDamaged),  # CRLF
    (b"-> scrypt c2FsdHNhbHRzYWx0c2FsdA 23\n", BackupError),  # above the ceiling
])
def test_malformed_stanzas(text: bytes, kind: type[BackupError]) -> None:
    data = age_writer.encrypt(b"notes", PASSPHRASE)
    line_end = data.index(b"\n", len(b"age-encryption.org/v1\n")) + 1
    error = refused(b"age-encryption.org/v1\n" + text + data[line_end:])
    assert type(error) is kind
    if text.endswith(b" 23\n"):
        assert str(error) == TOO_SLOW


def test_a_second_stanza_beside_scrypt() -> None:
    data = age_writer.encrypt(b"notes", PASSPHRASE)
    mac = data.index(b"\n--- ") + 1
    extra = b"-> X25519 TEiF0ypqr+bpvcqXNyCVJpL7OuwPdVwPL7KQEbFDOCc\n" + b"A" * 43 + b"\n"
    assert type(refused(data[:mac] + extra + data[mac:])) is BackupDamaged


def test_a_work_factor_above_the_ceiling_costs_nothing() -> None:
    data = age_writer.encrypt(b"notes", PASSPHRASE, work_factor=10)
    forged = data.replace(b" 10\n", b" 30\n", 1)
    assert str(refused(forged)) == TOO_SLOW
