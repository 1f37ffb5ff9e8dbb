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
    KeyFileDamaged,
    ThreadlineError,
    VaultLocked,
    VaultNotFound,
    WeakPassphrase,
)
from db.vault.create import create, make_private
from db.vault.database import Database
from db.vault.engine import sqlcipher_module
from db.vault.files import DB_NAME, KEY_NAME, vault_exists
from db.vault.lockfile import ProcessLock
from db.vault.migrate import schema_is_current, upgrade_to_head

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
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", KEY_NAME):
        path = folder / name
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except OSError:
            continue


class Vault:
    """An open (process-locked) vault, locked or unlocked.

    Use :meth:`create` or :meth:`open`, then :meth:`unlock`; :attr:`database` is
    available while unlocked. :meth:`lock` drops the key; :meth:`close` also releases
    the folder for other processes.
    """

    def __init__(self, folder: Path, keyfile: KeyFile, process_lock: ProcessLock) -> None:
        self.folder = folder
        self.keyfile = keyfile
        self._process_lock = process_lock
        self._key: bytearray | None = None
        self._database: Database | None = None
        #: Seconds spent in each phase of the last unlock (for the benchmarks).
        self.timings: dict[str, float] = {}
        self.lock_listeners: list[Callable[[], None]] = []
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

    @staticmethod
    def exists(folder: Path) -> bool:
        return vault_exists(folder)

    # --- making and opening ------------------------------------------------------------

    @classmethod
    def create(cls, folder: Path, passphrase: str, *, params: kdf.Argon2Params | None = None,
               initialize: Initializer | None = None) -> tuple[Vault, str]:
        """Create a vault, unlocked; return it with the recovery key (show it once).

        Raises :class:`WeakPassphrase`, :class:`VaultExists`, :class:`VaultInUse`.
        """
        verdict = strength.estimate(passphrase)
        if not verdict.acceptable:
            raise WeakPassphrase(verdict.hint)
        sqlcipher_module()
        return create(cls, folder, passphrase, params, initialize)

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

    def unlock(self, passphrase: str, *, verify: Verify = True) -> None:
        """Raises :class:`WrongPassphrase`, :class:`DatabaseDamaged`, :class:`VaultTooNew`.

        ``verify``: with ``True`` (the default) every page's HMAC is checked before
        anything else happens. With ``"later"`` (the GUI) the vault opens at once and the
        caller runs :meth:`verify_integrity` right after, off the GUI thread; until it has
        passed, writes wait, and if it finds damage they raise :class:`DatabaseDamaged`
        (a vault whose schema needs upgrading is checked first all the same: nothing is
        migrated unverified). ``False`` skips the check (benchmarks, tests).
        """
        start = time.perf_counter()
        data_key = self.keyfile.open_with_passphrase(passphrase)
        self.timings = {"key_derivation": time.perf_counter() - start}
        self._attach(data_key, verify=verify)

    def unlock_with_recovery_key(self, recovery_key: str, *, verify: Verify = True) -> None:
        start = time.perf_counter()
        data_key = self.keyfile.open_with_recovery_key(recovery_key)
        self.timings = {"key_derivation": time.perf_counter() - start}
        self._attach(data_key, verify=verify)

    def verify_integrity(self) -> None:
        """Check every page's HMAC; raises :class:`DatabaseDamaged`. Any thread.

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
        except Exception as error:
            refusal = error if isinstance(error, ThreadlineError) else \
                DatabaseDamaged(detail=type(error).__name__)
            if self._database is not database:  # locked while checking
                refusal = VaultLocked()
            database.release_writes(refusal)
            if refusal is error:
                raise
            raise refusal from error
        else:
            database.release_writes()
        finally:
            with self._checkers_changed:
                self._checkers.discard(me)
                self._checkers_changed.notify_all()

    def _attach(self, data_key: bytearray, initialize: Initializer | None = None,
                verify: Verify = True) -> None:
        database = Database(self.db_path, data_key)
        try:
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
        except ThreadlineError:
            database.close()
            data_key[:] = bytes(len(data_key))
            raise
        except Exception as error:
            database.close()
            data_key[:] = bytes(len(data_key))
            if _database_error(error):
                raise DatabaseDamaged(detail=type(error).__name__) from error
            raise
        self._key, self._database = data_key, database
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
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None
        for listener in list(self.lock_listeners):
            listener()
        log.info("vault locked")

    def _wait_for_checks(self) -> None:
        """Until no other thread is inside :meth:`verify_integrity` (interrupted, it ends
        within moments; at worst when its last page is read)."""
        me = threading.get_ident()
        with self._checkers_changed:
            self._checkers_changed.wait_for(lambda: not self._checkers - {me})

    def close(self) -> None:
        self.lock()
        self._process_lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- passphrase ------------------------------------------------------------------------

    def change_passphrase(self, current: str, new: str,
                          params: kdf.Argon2Params | None = None) -> None:
        """Re-wrap the data key under ``new``; the database is not touched.

        Raises :class:`WrongPassphrase` (``current``) or :class:`WeakPassphrase` (``new``).
        """
        data_key = self.keyfile.open_with_passphrase(current)
        self._rewrap(data_key, new, params)

    def reset_passphrase(self, recovery_key: str, new: str,
                         params: kdf.Argon2Params | None = None) -> None:
        """Choose a new passphrase with the recovery key (the passphrase was forgotten)."""
        self._rewrap(self.keyfile.open_with_recovery_key(recovery_key), new, params)

    def _rewrap(self, data_key: bytearray, new: str, params: kdf.Argon2Params | None) -> None:
        try:
            verdict = strength.estimate(new)
            if not verdict.acceptable:
                raise WeakPassphrase(verdict.hint)
            updated = self.keyfile.with_passphrase(
                data_key, new, params or self.keyfile.passphrase.params
            )
            updated.save(self.key_path)
            self.keyfile = updated
        finally:
            data_key[:] = bytes(len(data_key))

    def reload_keyfile(self) -> None:
        try:
            self.keyfile = KeyFile.load(self.key_path)
        except FileNotFoundError as error:
            raise KeyFileDamaged from error
