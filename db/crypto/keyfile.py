"""The vault key file (``vault.key``), format version 1.

JSON with the vault's id and two slots, each holding the same 256-bit data key wrapped
with AES-256-GCM: one under an Argon2id key from the passphrase, one under an HKDF key
from the recovery key. Everything that shapes a slot (format, version, vault id, slot
name, KDF name and parameters, salt) is bound as associated data, so any tampering with
it fails authentication instead of weakening the vault. See docs/file-formats.md.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.atomic import write_atomic
from db.crypto import kdf, recovery
from db.crypto.wrap import UnwrapFailed, WrappedKey, unwrap, wrap
from db.errors import KeyFileDamaged, VaultTooNew, WrongPassphrase, WrongRecoveryKey

FORMAT = "threadline-vault-key"
VERSION = 1
DATA_KEY_BYTES = 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise KeyFileDamaged(detail="expected base64 text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except ValueError as error:
        raise KeyFileDamaged(detail="bad base64") from error


@dataclass(frozen=True)
class PassphraseSlot:
    params: kdf.Argon2Params
    wrapped: WrappedKey


@dataclass(frozen=True)
class RecoverySlot:
    salt: bytes
    wrapped: WrappedKey


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    passphrase: PassphraseSlot
    recovery: RecoverySlot

    # --- associated data ---------------------------------------------------------------

    def _aad(self, slot: str, kdf_fields: dict[str, Any]) -> bytes:
        bound = {"format": FORMAT, "version": VERSION, "vault_id": self.vault_id,
                 "slot": slot, "kdf": kdf_fields}
        return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()

    @staticmethod
    def _argon_fields(params: kdf.Argon2Params) -> dict[str, Any]:
        return {"name": "argon2id", "memory_kib": params.memory_kib,
                "iterations": params.iterations, "lanes": params.lanes,
                "salt": _b64(params.salt)}

    @staticmethod
    def _recovery_fields(salt: bytes) -> dict[str, Any]:
        return {"name": "hkdf-sha256", "salt": _b64(salt)}

    # --- unlocking ----------------------------------------------------------------------

    def open_with_passphrase(self, passphrase: str) -> bytearray:
        slot = self.passphrase
        wrapping = kdf.derive(passphrase, slot.params)
        try:
            return unwrap(slot.wrapped, wrapping, self._aad("passphrase",
                                                            self._argon_fields(slot.params)))
        except UnwrapFailed:
            raise WrongPassphrase from None

    def open_with_recovery_key(self, recovery_key: str) -> bytearray:
        secret = recovery.parse_recovery_key(recovery_key)
        wrapping = recovery.derive_from_recovery(secret, self.recovery.salt)
        aad = self._aad("recovery", self._recovery_fields(self.recovery.salt))
        try:
            return unwrap(self.recovery.wrapped, wrapping, aad)
        except UnwrapFailed:
            raise WrongRecoveryKey from None

    # --- making -------------------------------------------------------------------------

    @classmethod
    def create(cls, vault_id: str, data_key: bytearray, passphrase: str,
               recovery_key: str, params: kdf.Argon2Params) -> KeyFile:
        empty = WrappedKey(b"", b"")
        draft = cls(vault_id, PassphraseSlot(params, empty), RecoverySlot(os.urandom(16), empty))
        with_pass = draft.with_passphrase(data_key, passphrase, params)
        secret = recovery.parse_recovery_key(recovery_key)
        salt = draft.recovery.salt
        wrapped = wrap(data_key, recovery.derive_from_recovery(secret, salt),
                       draft._aad("recovery", cls._recovery_fields(salt)))
        return cls(vault_id, with_pass.passphrase, RecoverySlot(salt, wrapped))

    def with_passphrase(self, data_key: bytearray, passphrase: str,
                        params: kdf.Argon2Params) -> KeyFile:
        """A copy whose passphrase slot wraps ``data_key`` under a new passphrase."""
        params = params.with_new_salt()
        wrapping = kdf.derive(passphrase, params)
        wrapped = wrap(data_key, wrapping, self._aad("passphrase", self._argon_fields(params)))
        return KeyFile(self.vault_id, PassphraseSlot(params, wrapped), self.recovery)

    # --- the file -----------------------------------------------------------------------

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "cipher": "aes-256-gcm",
            "slots": {
                "passphrase": {"kdf": self._argon_fields(self.passphrase.params),
                               "nonce": _b64(self.passphrase.wrapped.nonce),
                               "wrapped_key": _b64(self.passphrase.wrapped.ciphertext)},
                "recovery": {"kdf": self._recovery_fields(self.recovery.salt),
                             "nonce": _b64(self.recovery.wrapped.nonce),
                             "wrapped_key": _b64(self.recovery.wrapped.ciphertext)},
            },
        }
        return (json.dumps(doc, indent=2) + "\n").encode()

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as error:
            raise KeyFileDamaged(detail=f"read failed: {error.errno}") from error
        return cls.from_json(raw)

    @classmethod
    def from_json(cls, raw: bytes) -> KeyFile:
        try:
            doc = json.loads(raw.decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise KeyFileDamaged(detail="not a vault key file")
            version = doc.get("version")
            if not isinstance(version, int):
                raise KeyFileDamaged(detail="no version")
            if version > VERSION:
                raise VaultTooNew
            if version != VERSION or doc.get("cipher") != "aes-256-gcm":
                raise KeyFileDamaged(detail="unsupported version or cipher")
            return cls._parse_v1(doc)
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
            raise KeyFileDamaged(detail=type(error).__name__) from error

    @classmethod
    def _parse_v1(cls, doc: dict[str, Any]) -> KeyFile:
        vault_id = doc["vault_id"]
        if not isinstance(vault_id, str):
            raise KeyFileDamaged(detail="vault id")
        p, r = doc["slots"]["passphrase"], doc["slots"]["recovery"]
        pk = p["kdf"]
        if pk["name"] != "argon2id" or r["kdf"]["name"] != "hkdf-sha256":
            raise KeyFileDamaged(detail="unknown kdf")
        if not all(isinstance(pk[k], int) for k in ("memory_kib", "iterations", "lanes")):
            raise KeyFileDamaged(detail="kdf parameters")
        params = kdf.Argon2Params(pk["memory_kib"], pk["iterations"], pk["lanes"],
                                  _unb64(pk["salt"]))
        if not params.is_acceptable():
            raise KeyFileDamaged(detail="kdf parameters outside the allowed range")
        pass_slot = PassphraseSlot(params, WrappedKey(_unb64(p["nonce"]),
                                                      _unb64(p["wrapped_key"])))
        rec_slot = RecoverySlot(_unb64(r["kdf"]["salt"]),
                                WrappedKey(_unb64(r["nonce"]), _unb64(r["wrapped_key"])))
        return cls(vault_id, pass_slot, rec_slot)
