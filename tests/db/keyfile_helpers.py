"""Helpers for key-file tests: the slots' byte ranges, version 1 files, flips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from db.crypto import kdf
from db.crypto.keyfile import KeyFile, PassphraseSlot
from db.crypto.wrap import wrap


def slot_range(raw: bytes, slot: str) -> range:
    """The bytes of ``"<slot>": {…}`` in the file as Threadline writes it (indented)."""
    start = raw.index(f'"{slot}": {{'.encode())
    depth, i = 0, raw.index(b"{", start)
    while True:
        depth += {ord("{"): 1, ord("}"): -1}.get(raw[i], 0)
        if depth == 0:
            return range(start, i + 1)
        i += 1


def flipped(raw: bytes, index: int) -> bytes:
    """``raw`` with one bit of byte ``index`` inverted (a different bit per position)."""
    out = bytearray(raw)
    out[index] ^= 1 << (index % 8)
    return bytes(out)


def as_version_1(path: Path) -> None:
    """Rewrite a key file the way Threadline 1 wrote it: no MAC, no audit mark.

    The slots' associated data did not change in version 2, so its slots are valid
    version 1 slots.
    """
    doc: dict[str, Any] = json.loads(path.read_text())
    for key in ("audit", "previous", "mac"):
        doc.pop(key)
    doc["version"] = 1
    path.write_text(json.dumps(doc, indent=2) + "\n")


def with_raw_passphrase(keyfile: KeyFile, data_key: bytearray, passphrase: str) -> KeyFile:
    """A passphrase slot derived from ``passphrase`` exactly as typed, not normalised
    (what Threadline did before passphrases were NFC)."""
    params = keyfile.passphrase.params.with_new_salt()
    aad = keyfile._aad("passphrase", keyfile._argon_fields(params))
    wrapped = wrap(data_key, kdf.derive(passphrase, params), aad)
    return keyfile._copy(passphrase=PassphraseSlot(params, wrapped))
