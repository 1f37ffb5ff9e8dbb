"""Making a vault atomically: it is built in a hidden sibling folder, then put in place.

Creating ``threadline.db`` in the chosen folder first and the key file last left a
window as long as the schema migration: a killed ``init`` left a database without a key
file that refused every later ``init``, and the clean-up on failure could unlink a
database another process had just made there. Now nothing appears in the chosen folder
until the vault is complete:

* the vault is built in ``.<name>.creating-<random>`` beside the folder, under that
  folder's own process lock, and closed;
* when the chosen folder does not exist or is empty, one ``rename`` puts the whole
  vault there (a directory may replace an empty one);
* when the folder already holds other files, the vault's files are hard-linked in
  under the folder's lock (a link never replaces an existing file), the key file last;
* a build folder whose lock nobody holds belongs to a killed ``init`` and is removed by
  the next one.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.atomic import fsync_dir
from db.crypto import kdf
from db.crypto.keyfile import KeyFile
from db.crypto.recovery import new_recovery_key
from db.errors import VaultExists
from db.vault.files import DB_NAME, KEY_NAME, vault_exists
from db.vault.lockfile import LOCK_NAME, ProcessLock, folder_is_free

if TYPE_CHECKING:
    from db.vault.vault import Initializer, Vault

log = logging.getLogger(__name__)

DATA_KEY_BYTES = 32
BUILDING = "creating"


def remove_abandoned(parent: Path, prefix: str) -> int:
    """Remove folders ``parent/prefix*`` that no live process holds; return how many."""
    removed = 0
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return 0
    for path in candidates:
        if path.is_dir() and not path.is_symlink() and folder_is_free(path):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    if removed:
        log.info("removed %d abandoned folder(s) of an interrupted run", removed)
    return removed


def make_private(folder: Path) -> None:
    """Tighten a vault folder others could read or write (say, made 0777) to 0700."""
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
        log.info("vault folder tightened to 0700")


@dataclass
class NewKeys:
    """The keys of a vault not made yet: its data key, recovery key and key file, with the
    passphrase's key derivation already done. A restore derives them before it reads the
    backup, so the derivation's working memory (64 MiB to 1 GiB) and the backup's records
    are never held at once. Give them to one :func:`create` (which zeroes the data key
    when it fails) or :meth:`forget` them."""

    data_key: bytearray
    recovery_key: str
    keyfile: KeyFile

    def forget(self) -> None:
        self.data_key[:] = bytes(len(self.data_key))


def new_keys(passphrase: str, params: kdf.Argon2Params | None) -> NewKeys:
    """Derive the keys of a new vault (``params``: the calibrated ones when ``None``)."""
    data_key = bytearray(os.urandom(DATA_KEY_BYTES))
    try:
        recovery_key = new_recovery_key()
        keyfile = KeyFile.create(str(uuid.uuid4()), data_key, passphrase, recovery_key,
                                 params or kdf.calibrate())
    except BaseException:
        data_key[:] = bytes(len(data_key))
        raise
    return NewKeys(data_key, recovery_key, keyfile)


def create(cls: type[Vault], folder: Path, passphrase: str, params: kdf.Argon2Params | None,
           initialize: Initializer | None, keys: NewKeys | None = None) -> tuple[Vault, str]:
    """See :meth:`Vault.create`; the strength of ``passphrase`` is already checked.
    ``keys``: derived ahead by :func:`new_keys` (then ``passphrase`` and ``params`` are
    theirs and not used again)."""
    folder = Path(folder).absolute()
    if vault_exists(folder) or (folder / DB_NAME).exists():
        raise VaultExists
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    prefix = f".{folder.name}.{BUILDING}-"
    remove_abandoned(folder.parent, prefix)
    building = folder.parent / f"{prefix}{secrets.token_hex(6)}"
    building.mkdir(mode=0o700)
    lock = ProcessLock(building)
    lock.acquire()
    try:
        keys = keys or new_keys(passphrase, params)  # new_keys zeroes its key if it fails
        data_key, recovery_key, keyfile = keys.data_key, keys.recovery_key, keys.keyfile
        # SQLite gives the -wal and -shm files the main file's mode, so creating it
        # private first keeps all three unreadable to other users.
        os.close(os.open(building / DB_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        built = cls(building, keyfile, lock)
        built._attach(bytearray(data_key), initialize=initialize, creating=True)
        database, built._database = built._database, None
        if database is not None:
            database.close()  # the last connection checkpoints the WAL into the file
        built._close_continuity()  # the log's seal (made with the vault) is durable
        keyfile = keyfile.save(building / KEY_NAME, data_key)
        lock = _publish(building, folder, lock)
        vault = cls(folder, keyfile, lock)
        vault._attach(data_key, verify=False)
        vault.database.audit_listener = vault.keeper.audit_written
    except BaseException:
        lock.release()
        shutil.rmtree(building, ignore_errors=True)
        if keys is not None:
            keys.forget()
        raise
    log.info("vault created")
    return vault, recovery_key


def _publish(building: Path, folder: Path, lock: ProcessLock) -> ProcessLock:
    """Put the complete vault at ``folder``; return the lock that now guards it."""
    try:
        os.rename(building, folder)
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR) \
                or not folder.is_dir():
            raise
    else:  # the folder's lock is on its inode, so it moved with it
        fsync_dir(folder.parent)
        return lock
    return _link_into(building, folder, lock)


def _link_into(building: Path, folder: Path, lock: ProcessLock) -> ProcessLock:
    """The chosen folder holds other files: link the vault's files in, key file last."""
    folder_lock = ProcessLock(folder)
    folder_lock.acquire()
    placed: list[Path] = []
    try:
        make_private(folder)
        if vault_exists(folder) or (folder / DB_NAME).exists():
            raise VaultExists
        names = sorted(p.name for p in building.iterdir() if p.name not in
                       (KEY_NAME, LOCK_NAME))
        for name in [*names, KEY_NAME]:
            _place(building / name, folder / name)
            placed.append(folder / name)
        fsync_dir(folder)
    except BaseException:
        for path in reversed(placed):  # only what this call itself put there
            path.unlink(missing_ok=True)
        folder_lock.release()
        raise
    lock.release()
    shutil.rmtree(building, ignore_errors=True)
    return folder_lock


def _place(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # fails rather than replace a file that appeared
    except FileExistsError as error:
        raise VaultExists from error
    except OSError:  # a file system without hard links (FAT): we hold the folder's lock
        if target.exists():
            raise VaultExists from None
        os.rename(source, target)
