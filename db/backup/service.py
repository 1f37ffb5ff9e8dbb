"""Make, check and restore backups.

A backup is one age v1 file (a passphrase, or one or more X25519 public keys) over the
tar described in :mod:`db.backup.archive`. Plaintext exists only in memory: the archive is
made in memory and encrypted (streamed into the encryptor for age keys), written under a
temp name beside the target, read back as a stream (decrypted, its archive and export
checked a piece at a time, :func:`open_backup`), and only then renamed into place. A
restore checks the whole file the same way before it creates anything, builds a brand-new
vault in a hidden sibling folder and renames it into place only when it is complete; the
open vault is never touched.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyrage import x25519

from db.atomic import atomic_writer, fsync_dir
from db.backup import archive, decrypting, scrypt_seal, signing, stream
from db.backup.errors import BackupDamaged, BackupError
from db.backup.leftovers import remove_stale_parts, remove_stale_restores, restoring_prefix
from db.clock import utcnow
from db.crypto import kdf
from db.interchange import Document, import_document
from db.interchange.errors import InterchangeError
from db.interchange.reader import read_chunks
from db.interchange.values import format_datetime
from db.models import VaultSetting
from db.progress import Cancel, Progress, Step, silent
from db.safe_read import RegularFile
from db.services import audit
from db.vault.database import Database
from db.vault.lockfile import try_lock
from db.vault.vault import Vault

#: No backup Threadline makes comes near this; a larger file is refused unread.
MAX_BACKUP_BYTES = 4 * 1024**3
#: Bytes of the backup file read at a time.
PIECE = 1 << 20


@dataclass(frozen=True)
class BackupSummary:
    """What a checked backup holds (from its manifest, confirmed against its content)."""

    created_at: str
    app_version: str
    counts: dict[str, int]
    size: int
    #: Who signed it (``None`` only for a summary of a backup not read back); not part of
    #: what a backup holds, so summaries of the same content compare equal.
    verdict: signing.Verdict | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Key:
    """How to open a backup (a passphrase, or age identities) and whose signature to trust.

    ``signers``: the signing keys the clinician vouches for (this vault's, or one given
    with ``--signer`` or found in the identity file). ``accept_unsigned``: the clinician
    insists on a backup whose author cannot be confirmed (see :func:`signing.require`).
    """

    passphrase: str | None = None
    identities: tuple[x25519.Identity, ...] = ()
    signers: tuple[Ed25519PublicKey, ...] = ()
    accept_unsigned: bool = False


def build_archive(database: Database, now: datetime,
                  signer: Ed25519PrivateKey | None = None) -> tuple[bytes, dict[str, int]]:
    """The plaintext archive of the whole vault, in memory, signed by the vault's key."""
    private = signer or signing.vault_key(database)
    members = stream.collect(database, now)
    return b"".join(stream.tar_pieces(members, _signer(private))), members.counts


def _signer(private: Ed25519PrivateKey) -> Callable[[bytes], bytes]:
    return lambda manifest: signing.sign(manifest, private)


def create_backup(database: Database, out: Path, *, passphrase: str | None = None,
                  recipients: Sequence[x25519.Recipient] = (), now: datetime | None = None,
                  automatic: bool = False, progress: Progress = silent) -> BackupSummary:
    """Write a verified backup to ``out`` (replacing it only when the new one is good).

    ``progress`` hears each step as it starts (exporting, encrypting, writing, verifying).

    With recipients only, an extra one-time key is added so the written file can be
    decrypted and checked; its private half is forgotten as soon as the check is done.
    The archive is streamed into the encryptor and the file as it is made
    (:mod:`db.backup.stream`): to age keys by pyrage, to a passphrase by
    :mod:`db.backup.scrypt_seal` (pyrage encrypts those only whole).
    """
    now = now or utcnow()
    out = Path(out)
    if not out.parent.is_dir():
        raise BackupError("The folder for the backup does not exist.")
    private = signing.vault_key(database)
    progress(Step.EXPORTING, None)
    members = stream.collect(database, now)
    counts = members.counts
    own = (private.public_key(),)
    progress(Step.ENCRYPTING, None)
    to: list[x25519.Recipient] = []
    if passphrase is not None:
        key = Key(passphrase=passphrase, signers=own)
    else:
        if not recipients:
            raise BackupError("Give a passphrase or at least one age public key for the "
                              "backup.")
        check = x25519.Identity.generate()
        to = [*recipients, check.to_public()]
        key = Key(identities=(check,), signers=own)
    remove_stale_parts(out)
    verified: list[BackupSummary] = []

    def read_back(written: Path) -> None:
        progress(Step.VERIFYING, None)
        summary = verify_backup(written, key)
        if summary.counts != counts:
            raise BackupDamaged("The backup just written does not read back the same.")
        verified.append(summary)

    progress(Step.WRITING, None)
    with atomic_writer(out, check=read_back) as handle:
        try_lock(handle.fileno())  # held until renamed: the next backup leaves it be
        archive_file = stream.PieceReader(stream.tar_pieces(members, _signer(private)))
        if passphrase is not None:
            scrypt_seal.seal(io.BufferedReader(archive_file), handle, passphrase)
        else:
            pyrage.encrypt_io(archive_file, handle, to)
        del members, archive_file  # the plaintext is let go before the file is read back
    summary = verified[0]
    record_backup(database, now, automatic=automatic, sessions=counts["sessions"])
    progress(Step.VERIFYING, 1.0)
    return summary


def record_backup(database: Database, now: datetime, *, automatic: bool, sessions: int) -> None:
    """Remember the last good backup (a vault setting) and log it, in one unit of work."""
    stamp = json.dumps(format_datetime(now))
    with database.write() as session:
        row = session.get(VaultSetting, "last_backup_at")
        if row is None:
            session.add(VaultSetting(key="last_backup_at", value=stamp))
        else:
            row.value = stamp
        audit.record(session, "backup_created", detail={"automatic": automatic,
                                                         "sessions": sessions})


def open_backup(path: Path, key: Key, progress: Progress = silent,
                cancel: Cancel | None = None, *, lean: bool = False,
                ) -> tuple[archive.Manifest, Document, int]:
    """Decrypt and check a backup completely, as a stream; write nothing.

    ``progress`` hears reading, decrypting and checking as each starts; ``cancel`` is
    checked as the file is read (:class:`db.errors.Cancelled`).

    The file is decrypted a piece at a time (:mod:`db.backup.decrypting`), its archive
    read as it comes (:func:`archive.read_stream`) and ``vault.json`` parsed as it goes
    by, so neither the plaintext nor the export is ever whole in memory. The result is
    returned only once every byte of the file has authenticated and every check passed.

    Who signed it is only reported here (:func:`verdict_of`); a restore refuses a backup
    whose maker is not confirmed. ``lean``: the export is checked by every rule but its long
    texts are not kept (:func:`db.interchange.reader.read_chunks`), for a verify.
    """
    progress(Step.READING, None)
    try:
        file = RegularFile(Path(path), MAX_BACKUP_BYTES)
    except FileNotFoundError as error:
        raise BackupError("That backup file does not exist.") from error
    except IsADirectoryError as error:
        raise BackupError("That is a folder, not a backup file.") from error
    with file:
        progress(Step.DECRYPTING, None)
        with decrypting.plaintext(file.chunks(PIECE), passphrase=key.passphrase,
                                  identities=key.identities, cancel=cancel) as pieces:
            progress(Step.CHECKING, None)
            manifest, export = _read_archive(pieces, lean)
    if isinstance(export, InterchangeError):
        raise BackupDamaged(f"The vault export inside this backup is not valid: "
                            f"{export.problems[0]}") from export
    counts = {name: export.count(name) for name in export.rows}
    if manifest.counts != counts:
        raise BackupDamaged("The backup's manifest does not match the vault export inside it.")
    return manifest, export, file.size


def _read_archive(pieces: Iterator[bytes], lean: bool,
                  ) -> tuple[archive.Manifest, Document | InterchangeError]:
    """The manifest, and the export parsed as it streams by (or why it is not valid: that
    verdict waits until the archive's checksums have spoken)."""
    parsed: list[Document | InterchangeError] = []

    def member(name: str, content: Iterator[bytes]) -> None:
        if name != archive.EXPORT:
            return
        try:
            parsed.append(read_chunks(content, lean=lean))
        except InterchangeError as error:
            parsed.append(error)

    manifest = archive.read_stream(io.BufferedReader(stream.PieceReader(pieces)), member)
    return manifest, parsed[0]


def verdict_of(manifest: archive.Manifest, key: Key) -> signing.Verdict:
    return signing.check(manifest.raw, manifest.signature, key.signers)


def _summary(manifest: archive.Manifest, key: Key, size: int) -> BackupSummary:
    return BackupSummary(manifest.created_at, manifest.app_version, manifest.counts, size,
                         verdict_of(manifest, key))


def verify_backup(path: Path, key: Key, progress: Progress = silent,
                  cancel: Cancel | None = None) -> BackupSummary:
    manifest, _, size = open_backup(path, key, progress, cancel, lean=True)
    return _summary(manifest, key, size)


def _check_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError("Restore into a new or empty folder; that one is not empty.")
    if not target.parent.is_dir():
        raise BackupError("The folder that should hold the restored vault does not exist.")


def restore_backup(path: Path, key: Key, target: Path, new_passphrase: str, *,
                   params: kdf.Argon2Params | None = None, progress: Progress = silent,
                   cancel: Cancel | None = None) -> tuple[BackupSummary, str]:
    """Restore into a new vault at ``target``; return what it holds and its recovery key.

    Everything is checked before anything is created; the vault is built in a hidden
    sibling folder and renamed to ``target`` only once complete. ``progress`` hears each
    step (reading, decrypting, checking, creating the vault, importing, indexing); a
    ``cancel`` set before the rename raises :class:`db.errors.Cancelled` and leaves nothing.
    """
    target = Path(target).absolute()
    _check_target(target)
    # The new vault's key is derived first (WeakPassphrase before anything else is read),
    # while nothing of the backup is held: the derivation's working memory (the calibrated
    # Argon2id, up to 1 GiB) and the backup's records never add up. Nothing is created on
    # disk until the backup has been checked.
    keys = Vault.new_keys(new_passphrase, params=params or kdf.calibrate())
    building = target.with_name(f"{restoring_prefix(target)}{secrets.token_hex(4)}")
    vault: Vault | None = None
    try:
        manifest, document, size = open_backup(path, key, progress, cancel)
        if cancel is not None:
            cancel.check()
        signing.require(verdict_of(manifest, key), by_passphrase=key.passphrase is not None,
                        accept_unverified=key.accept_unsigned)
        remove_stale_restores(target)
        progress(Step.CREATING_VAULT, None)
        vault, recovery_key = Vault.create(building, new_passphrase, keys=keys)
        sessions = document.count("sessions")
        import_document(vault.database, document, progress=progress, cancel=cancel,
                        release=True)
        del document
        with vault.database.write() as session:
            audit.record(session, "vault_restored", detail={"sessions": sessions})
        vault.close()
        vault = None
        if cancel is not None:
            cancel.check()
        os.rename(building, target)
    except BaseException:
        if vault is not None:
            vault.close()
        keys.forget()  # after the vault that used it is closed
        shutil.rmtree(building, ignore_errors=True)
        raise
    fsync_dir(target.parent)
    return _summary(manifest, key, size), recovery_key
