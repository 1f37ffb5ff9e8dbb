"""Backups are signed by the vault that made them (Ed25519), and restore says by whom.

An age backup to a public key proves nothing about its author: anyone holding the public
key (it sits in the vault settings, on the backup disk's label, in an e-mail) can make a
file that decrypts. So every backup carries ``signature.json``, an Ed25519 signature by
a key that only the vault holds (inside the encrypted database, made on the first
backup), over the exact bytes of ``manifest.json`` — which lists the SHA-256 of every
other member, so the signature covers the whole archive. The public half is shown in
Settings ▸ Backup and written into the identity file Threadline saves, so a clinician
restoring onto a new computer has it.

:func:`check` tells apart: made by the expected vault; signed by another key; a
signature that does not verify; no signature at all (backups made by Threadline 0.1).
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from db.backup.errors import BackupError
from db.models import VaultSetting
from db.vault.database import Database

SIGNATURE = "signature.json"
SETTING = "backup_signing_key"
PREFIX = "threadline-ed25519:"
#: What the signature is over: this, then the manifest's bytes (no other use can collide).
CONTEXT = b"threadline-backup-manifest-v1\n"
FORMAT = "threadline-backup-signature"
#: The line of an identity file that names the vault's signing key.
IDENTITY_LINE = "# threadline signer: "


class Signed(enum.StrEnum):
    BY_EXPECTED = "by_expected"  # verifies with a key the clinician vouched for
    BY_UNKNOWN = "by_unknown"  # verifies, but no key was given to compare with
    BY_OTHER = "by_other"  # verifies with a key other than the expected one(s)
    INVALID = "invalid"  # a signature that does not verify (altered, or forged)
    UNSIGNED = "unsigned"  # no signature (Threadline 0.1)


class UnverifiedBackup(BackupError):
    """Refused because the backup's author is not confirmed; ``verdict`` says why."""

    def __init__(self, message: str, verdict: Signed) -> None:
        super().__init__(message, detail=verdict.value)
        self.verdict = verdict


@dataclass(frozen=True)
class Verdict:
    signed: Signed
    signer: str  # the public key text of the signer ("" when unsigned or invalid)

    def describe(self) -> str:
        return {
            Signed.BY_EXPECTED: "It was made by this vault (its signature checks out).",
            Signed.BY_UNKNOWN: f"It is signed by the vault with signing key {self.signer}.",
            Signed.BY_OTHER: "It was signed by another vault, not this one.",
            Signed.INVALID: "Its signature does not match its content.",
            Signed.UNSIGNED: "It is not signed (backups made by Threadline 0.1 are not).",
        }[self.signed]


def key_text(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return PREFIX + base64.b64encode(raw).decode("ascii")


def parse_key(text: str) -> Ed25519PublicKey:
    """A public key as shown in Settings (``threadline-ed25519:…``); :class:`BackupError`."""
    text = text.strip()
    try:
        if not text.startswith(PREFIX):
            raise ValueError(text[:8])
        return Ed25519PublicKey.from_public_bytes(
            base64.b64decode(text[len(PREFIX):], validate=True))
    except (ValueError, binascii.Error) as error:
        raise BackupError("That is not a Threadline signing key (one starts with "
                          f"“{PREFIX}”).") from error


def signers_in_identity_file(text: str) -> list[Ed25519PublicKey]:
    return [parse_key(line[len(IDENTITY_LINE):]) for line in text.splitlines()
            if line.startswith(IDENTITY_LINE)]


def vault_key(database: Database) -> Ed25519PrivateKey:
    """The vault's signing key, made (in one unit of work) when first needed."""
    with database.write() as session:
        row = session.get(VaultSetting, SETTING)
        if row is None:
            private = Ed25519PrivateKey.generate()
            raw = private.private_bytes_raw()
            session.add(VaultSetting(key=SETTING, value=json.dumps(
                base64.b64encode(raw).decode("ascii"))))
            return private
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(json.loads(row.value)))


def vault_public_key(database: Database) -> Ed25519PublicKey | None:
    """This vault's signing public key, or ``None`` if it never made a backup. Reads only."""
    with database.read() as session:
        row = session.get(VaultSetting, SETTING)
        if row is None:
            return None
        raw = base64.b64decode(json.loads(row.value))
    return Ed25519PrivateKey.from_private_bytes(raw).public_key()


def sign(manifest: bytes, private: Ed25519PrivateKey) -> bytes:
    body = {"format": FORMAT, "version": 1, "algorithm": "ed25519",
            "public_key": key_text(private.public_key()),
            "signature": base64.b64encode(private.sign(CONTEXT + manifest)).decode("ascii")}
    return (json.dumps(body, indent=1) + "\n").encode("ascii")


def check(manifest: bytes, signature: bytes | None,
          expected: Iterable[Ed25519PublicKey] = ()) -> Verdict:
    """Whose signature ``signature`` (the ``signature.json`` member) is, if any."""
    if signature is None:
        return Verdict(Signed.UNSIGNED, "")
    try:
        body = json.loads(signature.decode("ascii"))
        if not isinstance(body, dict) or body.get("format") != FORMAT \
                or body.get("algorithm") != "ed25519":
            return Verdict(Signed.INVALID, "")
        public = parse_key(str(body["public_key"]))
        public.verify(base64.b64decode(str(body["signature"]), validate=True),
                      CONTEXT + manifest)
    except (ValueError, KeyError, UnicodeDecodeError, binascii.Error, BackupError,
            InvalidSignature):
        return Verdict(Signed.INVALID, "")
    signer = key_text(public)
    wanted = {key_text(key) for key in expected}
    if not wanted:
        return Verdict(Signed.BY_UNKNOWN, signer)
    return Verdict(Signed.BY_EXPECTED if signer in wanted else Signed.BY_OTHER, signer)


def require(verdict: Verdict, *, by_passphrase: bool, accept_unverified: bool) -> None:
    """Refuse a backup whose author is not confirmed, unless the clinician insists.

    Confirmed: signed by an expected key; or, for a passphrase backup, validly signed at
    all (only someone who knows the passphrase can make one, so the passphrase vouches
    for it where no key was given to compare with).
    """
    if accept_unverified or verdict.signed is Signed.BY_EXPECTED:
        return
    if verdict.signed is Signed.BY_UNKNOWN and by_passphrase:
        return
    advice = {
        Signed.BY_UNKNOWN: "it is signed, but no signing key was given to check it against "
                           "(give --signer, or the identity file Threadline saved)",
        Signed.BY_OTHER: "it was signed by another vault, not the one expected",
        Signed.INVALID: "its signature does not match its content, so it may have been "
                        "altered or forged",
        Signed.UNSIGNED: "it is not signed, so Threadline cannot tell who made it (backups "
                         "made by Threadline 0.1 are not signed)",
    }[verdict.signed]
    raise UnverifiedBackup(f"This backup was not restored: {advice}; if you know where it "
                           "came from, you can restore it anyway (--accept-unsigned on the "
                           "command line).",
                           verdict.signed)
