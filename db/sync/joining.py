"""Join a sync group on a computer that has no vault yet: from a pairing file or a backup.

Used by the window's Join (``desktop/gui/sync/join.py``) and by ``threadline sync join``
(which asks for the new vault's passphrase between :func:`pairing_group` and
:func:`with_group`, so a wrong pairing passphrase is said before it asks). Everything that
can be checked before a vault is made is checked first (the pairing file and its
passphrase, the folder's group); once a vault exists, a failure to join does not lose it:
the result carries the vault and its recovery key with the sentence saying what went
wrong, and syncing can be started again from File ▸ Sync….
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from db.backup.service import Key, restore_backup
from db.crypto.kdf import Argon2Params
from db.errors import SyncFolderForeign, ThreadlineError
from db.safe_read import read_regular
from db.sync import folder as sync_folder
from db.sync import pairing
from db.sync.dto import SyncReport
from db.sync.fresh import initialize_for_joining
from db.sync.service import SyncService
from db.vault.vault import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Joined:
    vault: Vault              # unlocked
    recovery_key: str
    report: SyncReport | None
    problem: str = ""         # why joining failed after the vault was made ("" if it did not)


def _join(vault: Vault, recovery_key: str, target: Path, name: str,
          group: pairing.Group | None) -> Joined:
    try:
        report = SyncService(vault).join(target, name, group)
    except ThreadlineError as error:
        log.warning("joining the sync group failed: %s", type(error).__name__)
        return Joined(vault, recovery_key, None, str(error))
    return Joined(vault, recovery_key, report)


def pairing_group(file: Path, secret: str, target: Path) -> pairing.Group:
    """The group in the pairing file ``file``, checked against the folder ``target``.
    Raises :class:`PairingFileBad` or :class:`SyncFolderForeign`; makes nothing."""
    group = pairing.read(read_regular(file, pairing.MAX_SIZE), secret)
    if sync_folder.read_group(target) != group.id:
        raise SyncFolderForeign
    return group


def with_group(new_vault: Path, passphrase: str, target: Path, name: str,
               group: pairing.Group, params: Argon2Params | None = None) -> Joined:
    """A new, empty vault at ``new_vault`` joining ``group`` through ``target``."""
    vault, recovery_key = Vault.create(new_vault, passphrase, params=params,
                                       initialize=initialize_for_joining)
    return _join(vault, recovery_key, target, name, group)


def with_pairing(new_vault: Path, passphrase: str, target: Path, name: str, file: Path,
                 secret: str, params: Argon2Params | None = None) -> Joined:
    """A new, empty vault at ``new_vault`` joining through ``target`` with a pairing
    file; the file, its passphrase and the folder are checked before the vault is made."""
    group = pairing_group(file, secret, target)
    return with_group(new_vault, passphrase, target, name, group, params)


def with_backup(new_vault: Path, passphrase: str, target: Path, name: str, backup: Path,
                backup_key: str | Key, params: Argon2Params | None = None) -> Joined:
    """The vault restored from ``backup`` at ``new_vault``, joining the group it held.
    ``backup_key`` is the backup's passphrase, or a :class:`Key` (identities, signers)."""
    key = backup_key if isinstance(backup_key, Key) else Key(passphrase=backup_key)
    _, recovery_key = restore_backup(backup, key, new_vault, passphrase, params=params)
    vault = Vault.open(new_vault)
    vault.unlock(passphrase)
    return _join(vault, recovery_key, target, name, None)
