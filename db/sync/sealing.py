"""Change files are sealed: encrypted and authenticated under this vault's sync key.

Layout of a file: ``TLSYNC01`` (8 bytes) ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM ciphertext
of the zlib-compressed payload, with its 16-byte tag. The file key is
HKDF-SHA256(sync key, salt, info = "threadline sync file v1"); the associated data binds
the magic, the group id, the device id and the sequence number the file's name gives, so
a file renamed, moved to another device's folder, replayed under another number or made
with another group's key fails authentication and is refused. A fresh salt per file
means a sequence number written twice (an export killed and redone) never reuses a
key and nonce pair.
"""

from __future__ import annotations

import os
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"TLSYNC01"
_SALT = 16
_NONCE = 12
_TAG = 16
HEADER = len(MAGIC) + _SALT + _NONCE
#: A payload larger than this when inflated is refused (a crafted "zip bomb").
MAX_PAYLOAD = 256 * 1024 * 1024


class Unreadable(Exception):
    """The file is not one of this group's change files, or it was altered or cut short.

    ``reason`` is a short word for the log (never file content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _file_key(sync_key: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"threadline sync file v1").derive(sync_key)


def _associated(group: str, device: str, seq: int) -> bytes:
    return b"\n".join((MAGIC, group.encode(), device.encode(), str(seq).encode()))


def seal(sync_key: bytes, group: str, device: str, seq: int, payload: bytes) -> bytes:
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    body = AESGCM(_file_key(sync_key, salt)).encrypt(
        nonce, zlib.compress(payload, 6), _associated(group, device, seq))
    return MAGIC + salt + nonce + body


def unseal(sync_key: bytes, group: str, device: str, seq: int, data: bytes) -> bytes:
    """The payload, or :class:`Unreadable` (nothing else is raised for any input)."""
    if len(data) < HEADER + _TAG:
        raise Unreadable("short")
    if not data.startswith(MAGIC):
        raise Unreadable("magic")
    salt = data[len(MAGIC):len(MAGIC) + _SALT]
    nonce = data[len(MAGIC) + _SALT:HEADER]
    try:
        packed = AESGCM(_file_key(sync_key, salt)).decrypt(
            nonce, data[HEADER:], _associated(group, device, seq))
    except InvalidTag:
        raise Unreadable("authentication") from None
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(packed, MAX_PAYLOAD)
    except zlib.error:
        raise Unreadable("compression") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise Unreadable("size")
    return payload
