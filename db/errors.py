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


# --- files chosen by the person (db.safe_read) ------------------------------------------


class NotARegularFile(ThreadlineError):
    default_message = ("That is not an ordinary file (it is a device, a pipe or a socket), "
                       "so it was not read.")


class FileTooLarge(ThreadlineError):
    default_message = "That file is too large to be read."


class FileChanged(ThreadlineError):
    default_message = "That file changed while it was being read; try again."
