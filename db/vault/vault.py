"""The vault: an encrypted database plus the key file that unlocks it.

A vault folder holds ``threadline.db`` (SQLCipher, raw 256-bit key), ``vault.key`` (the
data key wrapped by the passphrase and by the recovery key) and ``threadline.lock``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from db.crypto import kdf, strength
from db.crypto.keyfile import KeyFile
from db.errors import (
    DatabaseDamaged,
    RecoveryKeyUnusable,
    ThreadlineError,
    VaultHeldElsewhere,
    VaultInUse,
    VaultLocked,
    VaultNotFound,
    WeakPassphrase,
)
from db.vault import continuity, keykeeper, rekey, seal
from db.vault.continuity import Continuity
from db.vault.create import NewKeys, create, make_private, new_keys
from db.vault.database import Database
from db.vault.device_record import default_seen_dir
from db.vault.engine import sqlcipher_module
from db.vault.files import DB_NAME, KEY_NAME, vault_exists
from db.vault.lockfile import ProcessLock
from db.vault.migrate import schema_is_current, upgrade_to_head
from db.vault.rotation import KeyRotation
from db.vault.seal import SEAL_SUFFIX
from db.vault.structure import check_structure

log = logging.getLogger(__name__)

__all__ = ["DB_NAME", "KEY_NAME", "Vault"]

#: Called once with the fresh, empty, migrated database (used to load the taxonomy).
Initializer = Callable[[Database], None]
#: How unlocking checks every page: now, ``"later"`` (in the background, writes held), or not.
Verify = bool | Literal["later"]


def _database_error(error: Exception) -> bool:
    return type(error).__name__ in {"DatabaseError", "OperationalError"} or "DatabaseError" in {
        cls.__name__ for cls in type(error).__mro__
    }


def _make_private(folder: Path) -> None:
    """Tighten vaults made before files were created private (mode 0600), and the folder."""
    make_private(folder)
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}{SEAL_SUFFIX}", KEY_NAME):
        path = folder / name
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except OSError:
            continue


class Vault(KeyRotation):
    """An open (process-locked) vault, locked or unlocked.

    Use :meth:`create` or :meth:`open`, then :meth:`unlock`; :attr:`database` is
    available while unlocked. :meth:`lock` drops the key; :meth:`close` also releases
    the folder for other processes.
    """

    def __init__(self, folder: Path, keyfile: KeyFile, process_lock: ProcessLock) -> None:
        self.folder = folder
        self.keeper = keykeeper.KeyKeeper(folder / KEY_NAME, keyfile, lambda: self._key)
        self._process_lock = process_lock
        self._key: bytearray | None = None
        self._database: Database | None = None
        self._continuity: Continuity | None = None
        #: Where this device records how far each vault had come (tests may point it away).
        self.seen_dir = default_seen_dir()
        #: Seconds spent in each phase of the last unlock (for the benchmarks).
        self.timings: dict[str, float] = {}
        #: How the last unlock was made (the GUI asks for a new passphrase after "recovery").
        self.unlocked_via: keykeeper.Via | None = None
        self._checking: list[Any] = []  # the connection of a running integrity check
        #: Threads inside verify_integrity: lock() waits for them, because SQLCipher must
        #: not be reading pages while the process exits (OpenSSL is torn down at exit,
        #: and a check still running then crashes the process).
        self._checkers: set[int] = set()
        self._checkers_changed = threading.Condition()

    # --- paths -------------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def key_path(self) -> Path:
        return self.folder / KEY_NAME

    @property
    def keyfile(self) -> KeyFile:
        return self.keeper.keyfile

    @keyfile.setter
    def keyfile(self, keyfile: KeyFile) -> None:
        self.keeper.keyfile = keyfile

    @property
    def recovery_notice(self) -> RecoveryKeyUnusable | None:
        """Set after unlocking while the vault has no working recovery key (show it and
        offer :meth:`new_recovery_key`)."""
        return self.keeper.recovery_notice

    @staticmethod
    def exists(folder: Path) -> bool:
        return vault_exists(folder)

    # --- making and opening ------------------------------------------------------------

    @classmethod
    def create(cls, folder: Path, passphrase: str, *, params: kdf.Argon2Params | None = None,
               initialize: Initializer | None = None,
               keys: NewKeys | None = None) -> tuple[Vault, str]:
        """Create a vault, unlocked; return it with the recovery key (show it once).
        ``keys``: derived ahead from ``passphrase`` by :meth:`new_keys`.

        Raises :class:`WeakPassphrase`, :class:`VaultExists`, :class:`VaultInUse`.
        """
        verdict = strength.estimate(passphrase)
        if not verdict.acceptable:
            raise WeakPassphrase(verdict.hint)
        sqlcipher_module()
        return create(cls, folder, passphrase, params, initialize, keys)

    @staticmethod
    def new_keys(passphrase: str, *, params: kdf.Argon2Params | None = None) -> NewKeys:
        """The keys of a vault to be created later (:class:`db.vault.create.NewKeys`);
        raises :class:`WeakPassphrase`."""
        verdict = strength.estimate(passphrase)
        if not verdict.acceptable:
            raise WeakPassphrase(verdict.hint)
        return new_keys(passphrase, params)

    @classmethod
    def open(cls, folder: Path) -> Vault:
        """Take the folder's process lock and read the key file; the vault stays locked."""
        folder = Path(folder)
        if not (folder / KEY_NAME).exists():
            raise VaultNotFound
        sqlcipher_module()
        process_lock = ProcessLock(folder)
        process_lock.acquire()
        try:
            keyfile = KeyFile.load(folder / KEY_NAME)
            if not (folder / DB_NAME).exists():
                raise DatabaseDamaged("The vault database file is missing.")
            _make_private(folder)
        except BaseException:
            process_lock.release()
            raise
        return cls(folder, keyfile, process_lock)

    # --- unlocking -----------------------------------------------------------------------

    def unlock(self, passphrase: str, *, verify: Verify = True,
               accept_older: bool = False) -> None:
        """Raises :class:`WrongPassphrase`, :class:`DatabaseDamaged` (among them
        :class:`ChangesMissing` and :class:`SealDamaged`), :class:`VaultOlderThanSeen`
        (unless ``accept_older``: the clinician restored an old copy on purpose),
        :class:`VaultTooNew`.

        ``verify``: with ``True`` (the default) every page's HMAC is checked before
        anything else happens. With ``"later"`` (the GUI) the vault opens at once and the
        caller runs :meth:`verify_integrity` right after, off the GUI thread; until it has
        passed, writes wait, and if it finds damage they raise :class:`DatabaseDamaged`
        (a vault whose schema needs upgrading is checked first all the same: nothing is
        migrated unverified). ``False`` skips the check (benchmarks, tests).
        """
        self.reclaim()
        start = time.perf_counter()
        data_key, raw_form = self.keyfile.open_with_passphrase_form(passphrase)
        self.timings = {"key_derivation": time.perf_counter() - start}
        self._open_with(data_key, "passphrase", verify, passphrase if raw_form else None,
                        accept_older=accept_older)

    def unlock_with_recovery_key(self, recovery_key: str, *, verify: Verify = True,
                                 accept_older: bool = False) -> None:
        self.reclaim()
        start = time.perf_counter()
        data_key = self.keyfile.open_with_recovery_key(recovery_key)
        self.timings = {"key_derivation": time.perf_counter() - start}
        self._open_with(data_key, "recovery", verify, accept_older=accept_older)

    def _open_with(self, data_key: bytearray, via: keykeeper.Via, verify: Verify,
                   rewrap: str | None = None, *, accept_older: bool = False) -> None:
        """Authenticate the whole key file, finish a cut-short re-encryption, open the
        database, refuse one older than the key file (raises
        :class:`DatabaseOlderThanKeyFile`, nothing written), then bring the key file up
        to date (version 2, NFC passphrase, retired recovery slot)."""
        keyfile, must_write = keykeeper.trusted(self.keyfile, data_key, via)
        if keyfile.previous is not None:
            rekey.finish(self.folder)  # the new recovery key was never shown
            self._carry_seal_over(keyfile, data_key)
            keyfile = keyfile.with_previous(data_key, None).without_recovery()
            must_write = True
        else:
            rekey.discard_stray(self.folder)
        self._attach(data_key, verify=verify, accept_older=accept_older,
                     before_ready=lambda db: keykeeper.check_not_older(db, keyfile.audit))
        if rewrap is not None:
            keyfile = keyfile.with_passphrase(data_key, rewrap, keyfile.passphrase.params)
        if must_write or rewrap is not None:
            try:
                self.keeper.replace(keyfile)
            except OSError as error:
                log.warning("key file not updated: %s", type(error).__name__)
        self.database.audit_listener = self.keeper.audit_written
        self.unlocked_via = via

    def _carry_seal_over(self, keyfile: KeyFile, data_key: bytearray) -> None:
        """A re-encryption cut short before its seal was written anew leaves the seal under
        the old key, which the key file still holds (``previous``)."""
        old = keyfile.previous_key(data_key)
        if old is None:
            return
        try:
            if seal.carry_over(self.db_path, old, data_key, keyfile.vault_id):
                log.info("log seal carried over to the new key")
        finally:
            old[:] = bytes(len(old))

    def verify_integrity(self) -> None:
        """Check every page's HMAC, then the file's structure (:mod:`db.vault.structure`);
        raises :class:`DatabaseDamaged`. Any thread.

        Releases the writes an ``unlock(verify="later")`` held, or refuses them for good
        when the check fails (or cannot finish). Locking meanwhile interrupts the check
        (its connection is closed with the others) and it raises :class:`VaultLocked`.
        """
        database = self.database
        me = threading.get_ident()
        with self._checkers_changed:
            self._checkers.add(me)
        try:
            self._verify(database, checking=self._checking)
            database.release_writes()  # the structural check is slower: writes go ahead
            check_structure(database.engine, checking=self._checking)
        except Exception as error:
            refusal = error if isinstance(error, ThreadlineError) else \
                DatabaseDamaged(detail=type(error).__name__)
            if self._database is not database:  # locked while checking
                refusal = VaultLocked()
            database.release_writes(refusal)
            if refusal is error:
                raise
            raise refusal from error
        finally:
            with self._checkers_changed:
                self._checkers.discard(me)
                self._checkers_changed.notify_all()

    def _attach(self, data_key: bytearray, initialize: Initializer | None = None,
                verify: Verify = True, *, creating: bool = False,
                accept_older: bool = False,
                before_ready: Callable[[Database], None] | None = None) -> None:
        """Open the database under ``data_key``; ``before_ready`` may still refuse it
        (e.g. a database older than its key file): then nothing is remembered or written."""
        sealed: Continuity | None = None
        database: Database | None = None
        try:
            # Before anything can write or checkpoint: are committed changes missing?
            sealed = continuity.check(self.db_path, data_key, self.keyfile.vault_id,
                                      self.seen_dir, creating=creating,
                                      accept_older=accept_older)
            database = Database(self.db_path, data_key, seal=sealed.seal)
            start = time.perf_counter()
            if verify is True:
                self._verify(database)
            else:
                with database.engine.connect() as conn:  # page 1 at least, and the schema
                    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchall()
                    conn.rollback()
            self.timings["verify"] = time.perf_counter() - start
            start = time.perf_counter()
            if verify == "later":
                if schema_is_current(database.engine):
                    database.hold_writes()
                else:  # never migrate a file that was not checked
                    self._verify(database)
            fresh = upgrade_to_head(self.db_path, database.engine) and initialize is not None
            if fresh and initialize is not None:
                initialize(database)
            self.timings["migrate"] = time.perf_counter() - start
            if before_ready is not None:
                before_ready(database)
        except Exception as error:
            if database is not None:
                database.close()
            if sealed is not None:
                sealed.close(remember=False)
            data_key[:] = bytes(len(data_key))
            if not isinstance(error, ThreadlineError) and _database_error(error):
                raise DatabaseDamaged(detail=type(error).__name__) from error
            raise
        self._key, self._database, self._continuity = data_key, database, sealed
        sealed.remember()
        log.info("vault unlocked")

    @staticmethod
    def _verify(database: Database, checking: list[Any] | None = None) -> None:
        """Read every page once: SQLCipher checks each page's HMAC.

        ``checking`` holds the DB-API connection while the check runs, so that
        :meth:`lock` can interrupt it.
        """
        with database.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchall()
            raw = conn.connection.dbapi_connection
            if checking is not None:
                checking.append(raw)
            try:
                problems = conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
            finally:
                if checking is not None:
                    checking.remove(raw)
            conn.rollback()
        if problems:
            raise DatabaseDamaged(detail=f"{len(problems)} page(s) failed authentication")

    @property
    def is_unlocked(self) -> bool:
        return self._database is not None

    @property
    def database(self) -> Database:
        if self._database is None:
            raise VaultLocked
        return self._database

    # --- locking ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Close every connection and zero the data key. Safe to call when locked."""
        database, self._database = self._database, None
        for raw in list(self._checking):  # a background integrity check stops at once
            raw.interrupt()
        self._wait_for_checks()
        if database is not None:
            database.close()
        self._close_continuity()  # after the last write: the device records how far it came
        with self.keeper.lock:  # never while the key file is being sealed
            self.keeper.flush()
            if self._key is not None:
                self._key[:] = bytes(len(self._key))
                self._key = None
        log.info("vault locked")

    def _wait_for_checks(self) -> None:
        """Until no other thread is inside :meth:`verify_integrity` (interrupted, it ends
        within moments; at worst when its last page is read)."""
        me = threading.get_ident()
        with self._checkers_changed:
            self._checkers_changed.wait_for(lambda: not self._checkers - {me})

    def release(self) -> None:
        """Lock, and let other processes open the folder (a locked window): the command
        line can back up meanwhile. The next unlock takes the folder back (:meth:`reclaim`)."""
        self.lock()
        self._process_lock.release()

    def reclaim(self) -> None:
        """Take the folder's lock back after :meth:`release` and re-read the key file
        (another process may have changed it meanwhile); nothing if still held.

        Raises :class:`VaultHeldElsewhere` while another process has the vault open.
        """
        if self._process_lock.held:
            return
        # A new lock on this folder: a created vault's lock still names the folder it was
        # built in (its descriptors moved with the rename, its path did not).
        self._process_lock = ProcessLock(self.folder)
        try:
            self._process_lock.acquire()
        except VaultInUse as error:
            raise VaultHeldElsewhere from error
        try:
            self.keyfile = KeyFile.load(self.key_path)
        except BaseException:
            self._process_lock.release()
            raise

    def close(self) -> None:
        self.lock()
        self._process_lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
