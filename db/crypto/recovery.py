"""Recovery keys: 160 random bits a person can write down, with a typo check.

Shown as nine groups of four characters (base32, RFC 4648 alphabet), the last group
carrying a 20-bit checksum so that a mistyped key is told apart from a wrong one.
Its entropy makes password stretching pointless, so it is expanded with HKDF-SHA256.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from db.errors import WrongRecoveryKey

RECOVERY_BITS = 160
_GROUP = 4
_INFO = b"threadline recovery key v1"
# Characters people confuse with base32 letters.
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _checksum(secret: bytes) -> str:
    digest = hashlib.sha256(b"threadline-recovery-check" + secret).digest()
    return base64.b32encode(digest[:5]).decode()[:_GROUP]


def new_recovery_key() -> str:
    secret = os.urandom(RECOVERY_BITS // 8)
    body = base64.b32encode(secret).decode() + _checksum(secret)
    return "-".join(body[i : i + _GROUP] for i in range(0, len(body), _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """Return the secret bytes; raise :class:`WrongRecoveryKey` for a malformed key."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(cleaned) != 36:
        raise WrongRecoveryKey("A recovery key has 36 characters in nine groups of four.")
    try:
        secret = base64.b32decode(cleaned[:32])
    except ValueError as error:
        raise WrongRecoveryKey("That recovery key contains characters it cannot have.") from error
    if _checksum(secret) != cleaned[32:]:
        raise WrongRecoveryKey("That recovery key has a typo; check each group.")
    return secret


def derive_from_recovery(secret: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(secret)
