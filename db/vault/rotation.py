"""Changing the vault's keys: passphrase, recovery key, and the data key itself.

A part of :class:`db.vault.vault.Vault` kept in a room of its own; it works on the open
vault's key (``_key``), database and :class:`~db.vault.keykeeper.KeyKeeper`.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from db.crypto import kdf, strength
from db.crypto.keyfile import KeyFile
from db.crypto.recovery import new_recovery_key
from db.errors import VaultBusy, VaultLocked, WeakPassphrase
from db.vault import keykeeper, rekey, seal

if TYPE_CHECKING:
    from pathlib import Path

    from db.vault.continuity import Continuity
    from db.vault.database import Database

log = logging.getLogger("db.vault.vault")

DATA_KEY_BYTES = 32


def check_strength(passphrase: str) -> None:
    verdict = strength.estimate(passphrase)
    if not verdict.acceptable:
        raise WeakPassphrase(verdict.hint)


class KeyRotation:
    """Passphrase change, new recovery key, re-encryption (mixed into ``Vault``)."""

    _key: bytearray | None
    _database: Database | None
    _continuity: Continuity | None
    keeper: keykeeper.KeyKeeper

    def _wait_for_checks(self) -> None: ...  # Vault's: until no integrity check runs

    @property
    def keyfile(self) -> KeyFile:
        return self.keeper.keyfile

    @property
    def db_path(self) -> Path:
        raise NotImplementedError

    @property
    def database(self) -> Database:
        raise NotImplementedError

    def _attach(self, data_key: bytearray, initialize: Any = None,
                verify: Any = True) -> None:
        raise NotImplementedError

    def _audit(self, action: str) -> None:
        """Record a change of keys in the audit log (the open vault's; no detail, no
        secret). A vault opened without its database (a locked CLI change) records none."""
        from db.services import audit  # the log's one writer of events

        if self._database is None:
            return
        try:
            with self._database.write() as session:
                audit.record(session, action, "vault")
        except Exception as error:  # the keys changed: a missing entry must not undo that
            log.warning("key change not audited: %s", type(error).__name__)

    def _close_continuity(self) -> int:
        """Close the log's seal and this device's record (after the last write under the
        current key); returns the commit counter they hold."""
        sealed, self._continuity = self._continuity, None
        if sealed is None:
            return 0
        counter = sealed.seal.counter
        sealed.close()
        return counter


    def change_passphrase(self, current: str, new: str,
                          params: kdf.Argon2Params | None = None) -> None:
        """Re-wrap the data key under ``new``; the database is not touched.

        Raises :class:`WrongPassphrase` (``current``) or :class:`WeakPassphrase` (``new``).
        """
        data_key = self.keyfile.open_with_passphrase(current)
        self._rewrap(data_key, new, params, "passphrase")

    def reset_passphrase(self, recovery_key: str, new: str,
                         params: kdf.Argon2Params | None = None) -> None:
        """Choose a new passphrase with the recovery key (the passphrase was forgotten)."""
        self._rewrap(self.keyfile.open_with_recovery_key(recovery_key), new, params, "recovery")

    def _rewrap(self, data_key: bytearray, new: str, params: kdf.Argon2Params | None,
                via: keykeeper.Via) -> None:
        try:
            check_strength(new)
            keyfile, _ = keykeeper.trusted(self.keyfile, data_key, via)
            updated = keyfile.with_passphrase(data_key, new, params or keyfile.passphrase.params)
            self.keeper.replace(updated, data_key)
        finally:
            data_key[:] = bytes(len(data_key))
        self._audit("passphrase_changed" if via == "passphrase" else "passphrase_reset")

    def set_passphrase(self, new: str, params: kdf.Argon2Params | None = None) -> None:
        """Re-wrap the open vault's key under ``new`` (after a recovery-key unlock, when
        the current passphrase is not known). Raises :class:`VaultLocked`."""
        if self._key is None:
            raise VaultLocked
        self._rewrap(bytearray(self._key), new, params, "passphrase")

    def new_recovery_key(self, passphrase: str | None = None) -> str:
        """Make a new recovery key (show it once); the old one stops working.

        Needs the vault unlocked, or ``passphrase`` (raises :class:`WrongPassphrase`).
        """
        with self.keeper.lock:
            own = self._key is None
            data_key = self.keyfile.open_with_passphrase(passphrase) if own and passphrase \
                else self._key
            if data_key is None:
                raise VaultLocked
            try:
                recovery_key = new_recovery_key()
                keyfile, _ = keykeeper.trusted(self.keyfile, data_key, "passphrase")
                self.keeper.replace(keyfile.with_recovery(data_key, recovery_key), data_key)
            finally:
                if own:
                    data_key[:] = bytes(len(data_key))
        log.info("recovery key replaced")
        self._audit("recovery_key_replaced")
        return recovery_key

    def rekey(self, new_passphrase: str, progress: rekey.Progress | None = None,
              params: kdf.Argon2Params | None = None) -> str:
        """Re-encrypt the database under a new data key wrapped by ``new_passphrase`` and a
        new recovery key, which is returned (show it once): the old passphrase, recovery
        key and key file open nothing written after. Every connection is closed
        meanwhile; call it with nothing else using the vault. An integrity check still
        running is waited for (a damaged vault is not re-encrypted). Crash-safe
        (db.vault.rekey).
        """
        check_strength(new_passphrase)
        old = self._key
        if old is None or self._database is None:
            raise VaultLocked
        self._wait_for_checks()  # right after unlocking, the structure check may still run
        if self._database.writes_held:  # its check has not started yet
            raise VaultBusy
        self._database.raise_if_refused()  # the check found damage
        self._database.close()
        self._database = None
        counter = self._close_continuity()
        self.keeper.flush()  # sealed under the old key now, never later under the wrong one
        new = bytearray(os.urandom(DATA_KEY_BYTES))
        try:  # until the key file names the new key, a failure changes nothing
            rekey.copy_rekeyed(self.db_path, old, new, progress)
            recovery_key = new_recovery_key()
            keyfile = self.keyfile.with_passphrase(new, new_passphrase,
                                                   params or self.keyfile.passphrase.params)
            self.keeper.replace(keyfile.with_recovery(new, recovery_key)
                                .with_previous(new, old), new)
        except BaseException:
            rekey.discard_stray(self.db_path.parent)
            new[:] = bytes(len(new))
            self._key = None
            self._attach(old, verify=False)
            self.database.audit_listener = self.keeper.audit_written
            raise
        # The key file names the new key now: the log's seal goes under it too, before the
        # new file is swapped in (a crash from here on finishes with the new key).
        seal.reseal(self.db_path, new, self.keyfile.vault_id, counter)
        rekey.swap_in(self.db_path)
        self.keeper.replace(self.keyfile.with_previous(new, None), new)
        with self.keeper.lock:
            old[:] = bytes(len(old))
            self._key = None
        self._attach(new, verify=False)
        self.database.audit_listener = self.keeper.audit_written
        log.info("vault re-encrypted under a new key")
        self._audit("vault_reencrypted")
        return recovery_key
