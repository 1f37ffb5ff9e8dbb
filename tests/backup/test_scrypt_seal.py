"""Passphrase backups are written a chunk at a time, as files age itself opens.

rage (through pyrage) is the judge of every file here; the streaming reader must read
them too. The command line's own check of a whole Threadline passphrase backup is in
test_age_interop.py. A low work factor keeps these quick; the default is the reference
implementation's.
"""

from __future__ import annotations

import io
import os
import re

import pytest
from pyrage import passphrase as age_passphrase

from db.backup import scrypt_seal, scrypt_stream
from db.backup.errors import WrongBackupKey

PASSPHRASE = "tide pool 4 heron"
CHUNK = scrypt_stream.CHUNK
QUICK = 10


class Trickle(io.RawIOBase):
    """A reader that hands out at most ``step`` bytes per read, as a pipe may."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data, self._at, self._step = data, 0, step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = min(len(buffer), self._step, len(self._data) - self._at)
        buffer[:count] = self._data[self._at:self._at + count]
        self._at += count
        return count


def sealed(plain: bytes, step: int | None = None, work_factor: int = QUICK) -> bytes:
    out = io.BytesIO()
    source = io.BytesIO(plain) if step is None else io.BufferedReader(Trickle(plain, step))
    scrypt_seal.seal(source, out, PASSPHRASE, work_factor=work_factor)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK])
def test_rage_opens_what_is_sealed(size: int) -> None:
    plain = os.urandom(size)
    data = sealed(plain)
    assert age_passphrase.decrypt(data, PASSPHRASE) == plain
    assert b"".join(scrypt_stream.decrypt(io.BytesIO(data), PASSPHRASE)) == plain
    header_end = data.index(b"\n---") + len(b"\n--- ") + 43 + 1
    chunks = max(1, -(-size // CHUNK))  # one empty chunk for nothing, none extra at a boundary
    assert len(data) == header_end + 16 + size + 16 * chunks


def test_short_reads_seal_the_same_plaintext() -> None:
    plain = os.urandom(2 * CHUNK + 5)
    assert age_passphrase.decrypt(sealed(plain, step=1000), PASSPHRASE) == plain


def test_the_header_holds_one_scrypt_stanza_and_a_fresh_salt_each_time() -> None:
    first, second = sealed(b"same notes"), sealed(b"same notes")
    stanza = re.compile(rb"\Aage-encryption.org/v1\n-> scrypt ([A-Za-z0-9+/]{22}) 10\n")
    assert (match := stanza.match(first)) is not None
    assert (other := stanza.match(second)) is not None
    assert match.group(1) != other.group(1)
    assert first != second


def test_the_default_work_factor_is_ages_own() -> None:
    data = sealed(b"", work_factor=scrypt_seal.WORK_FACTOR)
    assert data.split(b"\n")[1].endswith(b" 18")
    assert age_passphrase.decrypt(data, PASSPHRASE) == b""


def test_another_passphrase_opens_nothing() -> None:
    data = sealed(b"the session notes")
    with pytest.raises(WrongBackupKey):
        scrypt_stream.decrypt(io.BytesIO(data), "tide pool 4 herons")
