"""The vault key file (``vault.key``), format version 2 (reads version 1).

JSON with the vault's id and two slots, each holding the same 256-bit data key wrapped
with AES-256-GCM: one under an Argon2id key from the passphrase, one under an HKDF key
from the recovery key. Everything that shapes a slot (format, slot format, vault id, slot
name, KDF name and parameters, salt) is bound as associated data. Version 2 adds the
audit-chain mark (rollback detection), the previous data key while a re-encryption is
unfinished, and an HMAC-SHA256 over every other field under a key derived from the data
key, checked at every unlock, so damage to the recovery slot is noticed the day it
happens. See docs/vault-format.md.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from db.atomic import write_atomic
from db.crypto import kdf, recovery
from db.crypto import keyfile_read as field
from db.crypto.wrap import NONCE_BYTES, UnwrapFailed, WrappedKey, unwrap, wrap
from db.errors import (
    KeyFileDamaged,
    KeyFileTooCostly,
    RecoveryKeyUnusable,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)

FORMAT = "threadline-vault-key"
VERSION = 2
#: The slots' associated data name this slot format; it did not change in version 2, so
#: upgrading a version 1 file wraps nothing again (the recovery key is not at hand then).
SLOT_FORMAT = 1
DATA_KEY_BYTES = 32
WRAPPED_BYTES = DATA_KEY_BYTES + 16  # AES-GCM appends a 16-byte tag
SALT_RANGE = (kdf.SALT_BYTES, 64)
MAC_INFO = b"threadline key file mac v2"
PREVIOUS_INFO = b"threadline previous data key v2"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derived(data_key: bytes | bytearray, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        bytes(data_key))


def canonical(doc: dict[str, Any]) -> bytes:
    """Every field but the MAC, in one byte-exact form."""
    rest = {k: v for k, v in doc.items() if k != "mac"}
    return json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


@dataclass(frozen=True)
class PassphraseSlot:
    params: kdf.Argon2Params
    wrapped: WrappedKey


@dataclass(frozen=True)
class RecoverySlot:
    salt: bytes
    wrapped: WrappedKey


@dataclass(frozen=True)
class AuditMark:
    """The audit chain's length and last hash when the key file was last written."""

    seq: int
    head: str


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    passphrase: PassphraseSlot
    #: None once the recovery slot was found damaged (or its key never shown).
    recovery: RecoverySlot | None
    audit: AuditMark | None = None
    #: The data key before an unfinished re-encryption, wrapped under the current one.
    previous: WrappedKey | None = None
    version: int = VERSION
    #: The MAC as read, and what it covers; None for a version 1 file or a new copy.
    mac: bytes | None = dataclasses.field(default=None, compare=False, repr=False)
    signed: bytes | None = dataclasses.field(default=None, compare=False, repr=False)

    # --- associated data ---------------------------------------------------------------

    def _aad(self, slot: str, kdf_fields: dict[str, Any]) -> bytes:
        bound = {"format": FORMAT, "version": SLOT_FORMAT, "vault_id": self.vault_id,
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
        return self.open_with_passphrase_form(passphrase)[0]

    def open_with_passphrase_form(self, passphrase: str) -> tuple[bytearray, bool]:
        """The data key, and whether it took the passphrase's raw, non-NFC form (a vault
        made before passphrases were normalised; the caller wraps it again under NFC)."""
        slot = self.passphrase
        aad = self._aad("passphrase", self._argon_fields(slot.params))
        forms = [kdf.normalized(passphrase)]
        if forms[0] != passphrase:
            forms.append(passphrase)
        for i, form in enumerate(forms):
            try:
                return unwrap(slot.wrapped, kdf.derive(form, slot.params), aad), i > 0
            except UnwrapFailed:
                continue
        raise WrongPassphrase

    def open_with_recovery_key(self, recovery_key: str) -> bytearray:
        secret = recovery.parse_recovery_key(recovery_key)
        if self.recovery is None:
            raise WrongRecoveryKey(str(RecoveryKeyUnusable()))
        wrapping = recovery.derive_from_recovery(secret, self.recovery.salt)
        aad = self._aad("recovery", self._recovery_fields(self.recovery.salt))
        try:
            return unwrap(self.recovery.wrapped, wrapping, aad)
        except UnwrapFailed:
            raise WrongRecoveryKey from None

    def mac_matches(self, data_key: bytes | bytearray) -> bool:
        """Whether every field is as last written (a version 1 file has nothing to check)."""
        if self.version < 2:
            return True
        if self.mac is None or self.signed is None:
            return False
        expected = hmac.new(_derived(data_key, MAC_INFO), self.signed, hashlib.sha256).digest()
        return hmac.compare_digest(expected, self.mac)

    def previous_key(self, data_key: bytes | bytearray) -> bytearray | None:
        if self.previous is None:
            return None
        try:
            return unwrap(self.previous, _derived(data_key, PREVIOUS_INFO), b"previous")
        except UnwrapFailed:
            return None

    # --- making -------------------------------------------------------------------------

    def _copy(self, **changes: Any) -> KeyFile:
        return dataclasses.replace(self, version=VERSION, mac=None, signed=None, **changes)

    @classmethod
    def create(cls, vault_id: str, data_key: bytearray, passphrase: str,
               recovery_key: str, params: kdf.Argon2Params) -> KeyFile:
        empty = WrappedKey(b"", b"")
        draft = cls(vault_id, PassphraseSlot(params, empty), None)
        return draft.with_passphrase(data_key, passphrase, params).with_recovery(
            data_key, recovery_key)

    def with_passphrase(self, data_key: bytearray, passphrase: str,
                        params: kdf.Argon2Params) -> KeyFile:
        """A copy whose passphrase slot wraps ``data_key`` under ``passphrase`` (NFC)."""
        params = params.with_new_salt()
        wrapping = kdf.derive(kdf.normalized(passphrase), params)
        wrapped = wrap(data_key, wrapping, self._aad("passphrase", self._argon_fields(params)))
        return self._copy(passphrase=PassphraseSlot(params, wrapped))

    def with_recovery(self, data_key: bytearray, recovery_key: str) -> KeyFile:
        """A copy whose recovery slot wraps ``data_key`` under ``recovery_key``."""
        salt = os.urandom(16)
        wrapping = recovery.derive_from_recovery(recovery.parse_recovery_key(recovery_key), salt)
        wrapped = wrap(data_key, wrapping, self._aad("recovery", self._recovery_fields(salt)))
        return self._copy(recovery=RecoverySlot(salt, wrapped))

    def without_recovery(self) -> KeyFile:
        return self._copy(recovery=None)

    def with_audit(self, mark: AuditMark | None) -> KeyFile:
        return self._copy(audit=mark)

    def with_previous(self, data_key: bytearray, previous: bytearray | None) -> KeyFile:
        """A copy holding ``previous`` wrapped under ``data_key`` (None: no longer)."""
        wrapped = None if previous is None else wrap(
            previous, _derived(data_key, PREVIOUS_INFO), b"previous")
        return self._copy(previous=wrapped)

    # --- the file -----------------------------------------------------------------------

    def _document(self) -> dict[str, Any]:
        rec = self.recovery
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "cipher": "aes-256-gcm",
            "slots": {
                "passphrase": {"kdf": self._argon_fields(self.passphrase.params),
                               "nonce": _b64(self.passphrase.wrapped.nonce),
                               "wrapped_key": _b64(self.passphrase.wrapped.ciphertext)},
                "recovery": None if rec is None else {
                    "kdf": self._recovery_fields(rec.salt), "nonce": _b64(rec.wrapped.nonce),
                    "wrapped_key": _b64(rec.wrapped.ciphertext)},
            },
            "audit": None if self.audit is None else {"seq": self.audit.seq,
                                                      "head": self.audit.head},
            "previous": None if self.previous is None else {
                "nonce": _b64(self.previous.nonce),
                "wrapped_key": _b64(self.previous.ciphertext)},
        }

    def to_json(self, data_key: bytes | bytearray) -> bytes:
        """The version 2 file, sealed with the MAC under ``data_key``."""
        doc = self._document()
        doc["mac"] = hmac.new(_derived(data_key, MAC_INFO), canonical(doc),
                              hashlib.sha256).hexdigest()
        return (json.dumps(doc, indent=2) + "\n").encode()

    def save(self, path: Path, data_key: bytes | bytearray) -> KeyFile:
        """Write atomically; return the copy as it now stands on disk."""
        raw = self.to_json(data_key)
        write_atomic(path, raw)
        return self.from_json(raw)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Raises :class:`FileNotFoundError`, :class:`KeyFileDamaged` (or a subclass),
        :class:`VaultTooNew`; never derives anything."""
        return cls.from_json(field.read_bounded(Path(path)))

    @classmethod
    def from_json(cls, raw: bytes) -> KeyFile:
        doc = field.parse_document(raw)
        if doc.get("format") != FORMAT:
            raise KeyFileDamaged(detail="not a vault key file")
        version = field.integer(doc, "version", 0, 2**31)
        if version > VERSION:
            raise VaultTooNew
        if version < 1 or doc.get("cipher") != "aes-256-gcm":
            raise KeyFileDamaged(detail="unsupported version or cipher")
        return _parse(doc, version)


def _wrapped(doc: dict[str, Any]) -> WrappedKey:
    return WrappedKey(field.b64(doc, "nonce", NONCE_BYTES),
                      field.b64(doc, "wrapped_key", WRAPPED_BYTES))


def _params(pk: dict[str, Any]) -> kdf.Argon2Params:
    if pk.get("name") != "argon2id":
        raise KeyFileDamaged(detail="unknown kdf")
    memory = field.integer(pk, "memory_kib", 0, 2**40)
    iterations = field.integer(pk, "iterations", 0, 2**32)
    lanes = field.integer(pk, "lanes", 0, 2**24)
    params = kdf.Argon2Params(memory, iterations, lanes, field.b64(pk, "salt", *SALT_RANGE))
    if memory > kdf.MAX_MEMORY_KIB or iterations > kdf.MAX_ITERATIONS or lanes > kdf.MAX_LANES:
        raise KeyFileTooCostly(detail=f"m={memory} t={iterations} p={lanes}")
    if not params.is_acceptable():
        raise KeyFileDamaged(detail="kdf parameters below the floor")
    return params


def _recovery(r: Any) -> RecoverySlot:
    if not isinstance(r, dict) or field.obj(r, "kdf").get("name") != "hkdf-sha256":
        raise KeyFileDamaged(detail="recovery slot")
    return RecoverySlot(field.b64(r["kdf"], "salt", *SALT_RANGE), _wrapped(r))


def _audit(value: Any) -> AuditMark | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise KeyFileDamaged(detail="audit mark")
    head = field.hex_digest(value.get("head"))
    if head is None:
        raise KeyFileDamaged(detail="audit head")
    return AuditMark(field.integer(value, "seq", 0, 2**62), head)


def _parse(doc: dict[str, Any], version: int) -> KeyFile:
    vault_id = field.text(doc, "vault_id")
    slots = field.obj(doc, "slots")
    p = field.obj(slots, "passphrase")
    pass_slot = PassphraseSlot(_params(field.obj(p, "kdf")), _wrapped(p))
    if version == 1:
        return KeyFile(vault_id, pass_slot, _recovery(slots.get("recovery")), version=1)
    rec = None if slots.get("recovery") is None else _recovery(slots["recovery"])
    previous = None if doc.get("previous") is None else _wrapped(field.obj(doc, "previous"))
    # A MAC that is not even hex is simply a MAC that does not match.
    mac_text = field.hex_digest(doc.get("mac"))
    mac = b"" if mac_text is None else bytes.fromhex(mac_text)
    return KeyFile(vault_id, pass_slot, rec, _audit(doc.get("audit")), previous, version,
                   mac=mac, signed=canonical(doc))
