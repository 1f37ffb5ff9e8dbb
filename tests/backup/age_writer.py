"""A small age v1 writer for the scrypt recipient, for tests only.

It knows the file key, so it can seal what no honest writer makes (a final chunk not
flagged, one chunk too many, an empty last chunk) with every tag and the header MAC
correct: the decryptor must refuse these for what they are, not for a bad tag. Its honest
output is checked against pyrage (tests/backup/test_scrypt_stream.py).
"""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

CHUNK = 64 * 1024
#: Fast enough for tests (Go's age writes 18).
WORK_FACTOR = 10


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def header(passphrase: str, file_key: bytes, work_factor: int = WORK_FACTOR) -> bytes:
    """The header (through its MAC line) wrapping ``file_key`` for ``passphrase``."""
    salt = os.urandom(16)
    wrap_key = Scrypt(salt=b"age-encryption.org/v1/scrypt" + salt, length=32,
                      n=1 << work_factor, r=8, p=1).derive(passphrase.encode())
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    covered = (b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" %d\n" % work_factor
               + _b64(body) + b"\n---")
    mac = hmac.HMAC(_hkdf(file_key, None, b"header"), hashes.SHA256())
    mac.update(covered)
    return covered + b" " + _b64(mac.finalize()) + b"\n"


def pieces(plain: bytes) -> list[tuple[bytes, bool]]:
    """``plain`` as an honest writer cuts it: (chunk, is it the final one)."""
    cut = [plain[start:start + CHUNK] for start in range(0, len(plain), CHUNK)] or [b""]
    return [(chunk, index == len(cut) - 1) for index, chunk in enumerate(cut)]


def payload(file_key: bytes, chunks: list[tuple[bytes, bool]]) -> bytes:
    """The nonce and the sealed ``chunks``, each flagged as given."""
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    sealed = [aead.encrypt(counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00"),
                           chunk, None)
              for counter, (chunk, last) in enumerate(chunks)]
    return nonce + b"".join(sealed)


def encrypt(plain: bytes, passphrase: str, *, work_factor: int = WORK_FACTOR,
            chunks: list[tuple[bytes, bool]] | None = None) -> bytes:
    """An age file of ``plain`` (or of ``chunks`` exactly as given) for ``passphrase``."""
    file_key = os.urandom(16)
    return (header(passphrase, file_key, work_factor)
            + payload(file_key, pieces(plain) if chunks is None else chunks))


def header_length(data: bytes) -> int:
    """Where the payload of the age file ``data`` starts."""
    return data.index(b"\n", data.index(b"\n--- ") + 1) + 1
