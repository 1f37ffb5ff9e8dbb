"""AES-256-GCM wrapping of the vault's data key."""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class UnwrapFailed(Exception):
    """The wrapping key or the associated data did not authenticate the wrapped key."""


@dataclass(frozen=True)
class WrappedKey:
    nonce: bytes
    ciphertext: bytes


def wrap(data_key: bytes | bytearray, wrapping_key: bytes, associated: bytes) -> WrappedKey:
    nonce = os.urandom(NONCE_BYTES)
    return WrappedKey(nonce, AESGCM(wrapping_key).encrypt(nonce, bytes(data_key), associated))


def unwrap(wrapped: WrappedKey, wrapping_key: bytes, associated: bytes) -> bytearray:
    """Return the data key in a ``bytearray`` the caller zeroes when done."""
    try:
        plain = AESGCM(wrapping_key).decrypt(wrapped.nonce, wrapped.ciphertext, associated)
    except InvalidTag as error:
        raise UnwrapFailed from error
    return bytearray(plain)
