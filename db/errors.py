"""Typed errors of the Threadline core.

Every error a clinician can meet derives from :class:`ThreadlineError`; ``str(error)`` is
one sentence written for them. Technical detail goes to the debug log via ``detail``,
which never holds client data.
"""

from __future__ import annotations


class ThreadlineError(Exception):
    """An expected failure with a user-facing, one-sentence message."""

    default_message = "Something went wrong."

    def __init__(self, message: str | None = None, *, detail: str = "") -> None:
        super().__init__(message or self.default_message)
        self.detail = detail


# --- the vault --------------------------------------------------------------------------


class VaultError(ThreadlineError):
    """Opening, unlocking or changing the vault failed; nothing on disk was changed."""


class WrongPassphrase(VaultError):
    default_message = "Wrong passphrase."


class WrongRecoveryKey(VaultError):
    default_message = "Wrong recovery key."


class KeyFileDamaged(VaultError):
    default_message = "The vault key file is damaged; the vault cannot be unlocked with it."


class KeyFileNotRegular(KeyFileDamaged):
    default_message = (
        "The vault key file is not an ordinary file (it is a link, a pipe or a device), "
        "so Threadline did not read it."
    )


class KeyFileTooLarge(KeyFileDamaged):
    default_message = (
        "The vault key file is far larger than a Threadline key file can be, so it was not read."
    )


class KeyFileTooCostly(KeyFileDamaged):
    default_message = (
        "The vault key file asks for more key-derivation work than Threadline ever sets, "
        "so it was not used."
    )


class RecoveryKeyUnusable(VaultError):
    """Not raised at unlock (the vault opens): the notice shown after it."""

    default_message = (
        "The recovery key of this vault no longer works (its part of the key file was "
        "damaged or never shown); make a new one now."
    )


class VaultBusy(VaultError):
    default_message = "The vault is still being checked; try again in a moment."


class DatabaseOlderThanKeyFile(VaultError):
    default_message = (
        "This vault's database is older than its key file (an earlier copy may have been "
        "put back), so it was not opened and nothing was changed."
    )


class DatabaseDamaged(VaultError):
    default_message = (
        "The vault database is damaged and cannot be opened; restore it from a backup."
    )


class VaultTooNew(VaultError):
    default_message = (
        "This vault was written by a newer version of Threadline; update Threadline to open it."
    )


class VaultInUse(VaultError):
    default_message = "This vault is already open in another Threadline window or process."


class VaultHeldElsewhere(VaultInUse):
    default_message = ("Another Threadline process is using this vault right now (a backup "
                       "from the command line, perhaps); unlock again when it has finished.")


class VaultNotFound(VaultError):
    default_message = "There is no Threadline vault in that folder."


class VaultExists(VaultError):
    default_message = "That folder already holds a Threadline vault."


class VaultLocked(VaultError):
    default_message = "The vault is locked."


class SQLCipherMissing(VaultError):
    default_message = (
        "The SQLCipher module (sqlcipher3) is not installed, and Threadline never stores "
        "notes unencrypted; reinstall Threadline."
    )


class WeakPassphrase(VaultError):
    default_message = "That passphrase is too weak."


# --- data -------------------------------------------------------------------------------


class ValidationError(ThreadlineError):
    """Input that cannot be saved; ``field`` names the form field at fault."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFound(ThreadlineError):
    default_message = "That item no longer exists."


class NoteFinalized(ThreadlineError):
    default_message = "This note is finalized; add an addendum instead."


# --- continuity: changes missing, a vault older than this device has seen --------------


class ChangesMissing(DatabaseDamaged):
    """Committed changes are missing from the database (its seal records more)."""

    def __init__(self, missing: int, *, log_damaged: bool, backup_made: str = "",
                 detail: str = "") -> None:
        what = ("The vault's log was damaged after a crash" if log_damaged
                else "The vault's database file is older than its own record")
        changes = "1 saved change is" if missing == 1 else f"{missing} saved changes are"
        backup = (f"restore your last backup (made {backup_made})" if backup_made
                  else "restore your last backup (this vault cannot tell when it was made)")
        super().__init__(
            f"{what} and {changes} missing; nothing was changed: {backup} or ask for help "
            "recovering the files kept in the vault folder.", detail=detail)
        self.missing = missing


class SealDamaged(DatabaseDamaged):
    default_message = (
        "The vault's record of its last saved change is missing or damaged, so Threadline "
        "cannot tell whether changes are missing; nothing was changed, restore your last "
        "backup or ask for help."
    )


class VaultOlderThanSeen(VaultError):
    """The vault is behind what this device last saw; a restored copy may be accepted."""

    def __init__(self, behind: int, *, how: str = "", detail: str = "") -> None:
        changes = "1 change" if behind == 1 else f"{behind} changes"
        super().__init__(
            f"This vault is older than the one last opened on this computer ({changes} "
            f"behind), so it may be an old copy: open it only if you restored it on "
            f"purpose{how}.", detail=detail)
        self.behind = behind


class NoteNotSaved(ThreadlineError):
    default_message = ("The note's latest text could not be saved, so it was not finalized; "
                       "it is still in the editor.")


# --- files chosen by the person (db.safe_read) ------------------------------------------


class NotARegularFile(ThreadlineError):
    default_message = ("That is not an ordinary file (it is a device, a pipe or a socket), "
                       "so it was not read.")


class FileTooLarge(ThreadlineError):
    default_message = "That file is too large to be read."


class FileChanged(ThreadlineError):
    default_message = "That file changed while it was being read; try again."


# --- long work (db.progress) -------------------------------------------------------------


class Cancelled(ThreadlineError):
    default_message = "Stopped before anything was changed."


class SyncError(ThreadlineError):
    default_message = "Syncing could not be done."


class SyncNotStarted(SyncError):
    default_message = "This vault does not sync yet: start syncing it first."


class SyncAlreadyStarted(SyncError):
    default_message = "This vault already syncs through a folder."


class SyncFolderMissing(SyncError):
    default_message = "The sync folder cannot be found; is the drive connected?"


class SyncFolderForeign(SyncError):
    default_message = ("The sync folder holds another vault's files; choose the folder "
                       "this vault syncs through.")


class SyncFolderNotReady(SyncError):
    default_message = ("The sync folder has no Threadline files yet; wait until it has "
                       "been synced from the first computer.")


class SyncFolderInUse(SyncError):
    default_message = ("That folder already holds another vault's sync files; choose an "
                       "empty folder.")


class PairingFileBad(SyncError):
    default_message = "That pairing file cannot be read: wrong passphrase, or not a pairing file."


class SyncDeviceCloned(SyncError):
    default_message = ("Another copy of this vault writes to the sync folder as this "
                       "computer (a copied vault folder?); syncing stopped here so neither "
                       "copy's changes are overwritten. Join the copy as a new computer.")
