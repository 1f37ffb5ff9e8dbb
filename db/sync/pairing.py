"""The pairing file: a group's id and key, age-encrypted under a one-time passphrase.

The first computer writes it and shows the passphrase once; the second reads it to join.
The passphrase is 100 random bits in groups a person can type, so age's scrypt is a
formality and only whoever holds both can join. The file holds no client data.
"""

from __future__ import annotations

import base64
import json
import secrets

import pyrage

from db.errors import PairingFileBad
from db.sync.state import Group, parse_group

FORMAT = "threadline-sync-pairing"
_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"   # no I, L, O, U, 0, 1: nothing to misread
MAX_SIZE = 64 * 1024


def one_time_passphrase() -> str:
    groups = ["".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(5)]
    return "-".join(groups)


def normalise(passphrase: str) -> str:
    return passphrase.strip().upper().replace(" ", "-")


def make(group: Group, passphrase: str) -> bytes:
    document = {"format": FORMAT, "version": 1, "group": group.id,
                "key": base64.b64encode(group.key).decode()}
    return pyrage.passphrase.encrypt(json.dumps(document).encode(), normalise(passphrase))


def read(data: bytes, passphrase: str) -> Group:
    if len(data) > MAX_SIZE:
        raise PairingFileBad
    try:
        document = json.loads(pyrage.passphrase.decrypt(data, normalise(passphrase)))
    except Exception:  # pyrage raises its own error types for every bad input
        raise PairingFileBad from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PairingFileBad
    group = parse_group(json.dumps({"group": document.get("group"),
                                    "key": document.get("key")}))
    if group is None:
        raise PairingFileBad
    return group
