"""An age v1 file made with a passphrase, written a chunk at a time.

pyrage encrypts passphrase files only whole (``pyrage.passphrase.encrypt`` takes and
returns bytes), so a backup to a passphrase held its plaintext archive and the encrypted
copy at once. This is the writing half of :mod:`db.backup.scrypt_stream` (which checks
every rule used here when the file is read back): one ``scrypt`` stanza with a random
16-byte salt and the work factor the reference implementation uses, the header MAC, then
the STREAM payload in chunks of 64 KiB, the last one flagged (an empty payload is one
empty, flagged chunk). Nothing is buffered beyond two chunks.
"""

from __future__ import annotations

import base64
import os
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from db.backup.age import MAGIC
from db.backup.memory import SCRYPT_R
from db.backup.scrypt_stream import (
    CHUNK,
    COLUMNS,
    FILE_KEY_BYTES,
    NONCE_BYTES,
    SALT_BYTES,
    SALT_LABEL,
    hkdf,
)

#: The work factor (log2 of scrypt's N) age's reference implementation writes: 256 MiB
#: and about a second to derive the key, on writing and on every read.
WORK_FACTOR = 18


def _base64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _wrapped(text: bytes) -> bytes:
    """A stanza body: base64 lines of 64 columns, the last one shorter (empty if need be)."""
    lines = [text[i:i + COLUMNS] for i in range(0, len(text), COLUMNS)]
    if not lines or len(lines[-1]) == COLUMNS:
        lines.append(b"")
    return b"".join(line + b"\n" for line in lines)


def header(passphrase: str, file_key: bytes, *, work_factor: int = WORK_FACTOR,
           salt: bytes | None = None) -> bytes:
    """The header (with its MAC line) that wraps ``file_key`` under ``passphrase``."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    wrap_key = Scrypt(salt=SALT_LABEL + salt, length=32, n=1 << work_factor, r=SCRYPT_R,
                      p=1).derive(passphrase.encode("utf-8"))
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    covered = (MAGIC + b"-> scrypt " + _base64(salt) + b" " + str(work_factor).encode()
               + b"\n" + _wrapped(_base64(body)) + b"---")
    mac = hmac.HMAC(hkdf(file_key, None, b"header"), hashes.SHA256())
    mac.update(covered)
    return covered + b" " + _base64(mac.finalize()) + b"\n"


def seal(source: BinaryIO, out: BinaryIO, passphrase: str, *,
         work_factor: int = WORK_FACTOR) -> None:
    """Read ``source`` (a buffered file: a read returns fewer bytes than asked only at
    its end) to its end and write it to ``out`` as an age file for ``passphrase``, a
    chunk at a time."""
    file_key = os.urandom(FILE_KEY_BYTES)
    out.write(header(passphrase, file_key, work_factor=work_factor))
    nonce = os.urandom(NONCE_BYTES)
    out.write(nonce)
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    chunk, counter = source.read(CHUNK), 0
    while True:
        following = source.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        out.write(aead.encrypt(counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00"),
                               chunk, None))
        if last:
            return
        chunk, counter = following, counter + 1

