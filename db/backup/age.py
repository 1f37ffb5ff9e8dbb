"""age v1 encryption through pyrage, with errors a clinician can act on.

pyrage reports most failures with terse messages; before decrypting, the header is read
here (it is plain text) to tell a passphrase backup from one made for a key, and to
refuse a scrypt work factor no honest age client writes, which would otherwise make
decryption hang for minutes.

:func:`decrypt` takes and returns whole files, for small ones; a backup is read as a
stream (:mod:`db.backup.decrypting`), with the same checks and the same errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from db.backup.errors import BackupDamaged, BackupError, NotABackup, WrongBackupKey
from db.backup.memory import check_work_factor

MAGIC = b"age-encryption.org/v1\n"
MAX_HEADER = 64 * 1024
#: Go's age writes 18, rage calibrates to about a second (19–21); 22 needs 4 GiB
#: (db.backup.memory checks that the machine can spare it) and takes about a minute.
MAX_SCRYPT_WORK_FACTOR = 22
_SCRYPT = re.compile(rb"^-> scrypt [A-Za-z0-9+/]{22} (\d{1,2})$")
TOO_SLOW = ("This backup asks for an unreasonably slow passphrase check, so it was not made "
            "by Threadline; it was not opened.")


@dataclass(frozen=True)
class Header:
    stanza_types: tuple[str, ...]
    work_factor: int | None

    @property
    def uses_passphrase(self) -> bool:
        return "scrypt" in self.stanza_types


def read_header(data: bytes) -> Header:
    """The stanza types of an age file; raises :class:`NotABackup` or :class:`BackupDamaged`."""
    if data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
        raise BackupError("This is an armored age file; Threadline backups are binary age "
                          "files (decode it with age -d first).")
    if not data.startswith(MAGIC):
        raise NotABackup
    end = data.find(b"\n---", 0, MAX_HEADER)
    if end < 0:
        raise BackupDamaged
    types: list[str] = []
    work_factor = None
    for line in data[len(MAGIC):end].split(b"\n"):
        if line.startswith(b"-> "):
            parts = line.split(b" ")
            types.append(parts[1].decode("ascii", "replace") if len(parts) > 1 else "")
            match = _SCRYPT.match(line)
            if parts[1:2] == [b"scrypt"]:
                if match is None:
                    raise BackupDamaged
                work_factor = int(match.group(1))
    if not types:
        raise BackupDamaged
    if work_factor is not None and work_factor > MAX_SCRYPT_WORK_FACTOR:
        raise BackupError(TOO_SLOW)
    return Header(tuple(types), work_factor)


def parse_recipient(text: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(text.strip())
    except Exception as error:  # pyrage raises its own RecipientError
        raise BackupError("That is not an age public key (one starts with “age1”).") from error


def parse_identities(text: str) -> list[x25519.Identity]:
    """Every ``AGE-SECRET-KEY-1…`` line of an age identity file (comments skipped)."""
    found: list[x25519.Identity] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            found.append(x25519.Identity.from_str(line))
        except Exception as error:
            raise BackupError("That identity file holds something that is not an age "
                              "private key.") from error
    if not found:
        raise BackupError("That identity file holds no age private key.")
    return found


def encrypt(data: bytes, *, passphrase: str | None = None,
            recipients: Sequence[x25519.Recipient] = ()) -> bytes:
    if passphrase is not None:
        return age_passphrase.encrypt(data, passphrase)
    if not recipients:
        raise BackupError("Give a passphrase or at least one age public key for the backup.")
    return pyrage.encrypt(data, list(recipients))


def check_key(header: Header, *, passphrase: str | None,
              identities: Sequence[x25519.Identity]) -> None:
    """Raises unless the key given is of the kind the file needs (and, for a passphrase,
    its check fits in memory)."""
    if header.uses_passphrase:
        if passphrase is None:
            raise BackupError("This backup is protected by a passphrase; give its passphrase.")
        if len(header.stanza_types) != 1:
            raise BackupDamaged
        if header.work_factor is not None:
            check_work_factor(header.work_factor)
    elif not identities:
        raise BackupError("This backup was encrypted to an age key; give the identity file "
                          "that holds its private key.")


def decrypt(data: bytes, *, passphrase: str | None = None,
            identities: Sequence[x25519.Identity] = ()) -> bytes:
    """Decrypt an age file given whole; every failure becomes one clear :class:`BackupError`.

    A backup is read as a stream (:mod:`db.backup.decrypting`); this is for small files.
    """
    header = read_header(data)
    check_key(header, passphrase=passphrase, identities=identities)
    if passphrase is not None and header.uses_passphrase:
        try:
            return age_passphrase.decrypt(data, passphrase)
        except pyrage.DecryptError as error:
            raise classify(error, WrongBackupKey()) from error
    try:
        return pyrage.decrypt(data, list(identities))
    except pyrage.DecryptError as error:
        raise classify(error, wrong_identity()) from error


def wrong_identity() -> WrongBackupKey:
    return WrongBackupKey("None of the given keys can open this backup (a wrong identity "
                          "file, or the backup's header is damaged).")


def classify(error: Exception, wrong_key: BackupError) -> BackupError:
    """Header failures look like a wrong key; failures in the body mean damage."""
    message = str(error)
    if message in ("No matching keys found", "Decryption failed"):
        return wrong_key
    return BackupDamaged(detail=message[:80])


def generate_key_pair() -> tuple[str, str]:
    """A new X25519 key pair: ``(public "age1…", private "AGE-SECRET-KEY-1…")``."""
    identity = x25519.Identity.generate()
    return str(identity.to_public()), str(identity)
