"""Errors of making, checking and restoring backups: one sentence each, nothing changed."""

from __future__ import annotations

from db.errors import ThreadlineError


class BackupError(ThreadlineError):
    """A backup could not be made, read or restored; nothing was changed or left behind."""


class NotABackup(BackupError):
    default_message = "This file is not a Threadline backup (it is not age-encrypted)."


class BackupDamaged(BackupError):
    default_message = "This backup is damaged (cut short or altered) and cannot be read."


class WrongBackupKey(BackupError):
    default_message = "Wrong passphrase for this backup (or the backup's header is damaged)."


class BackupTooNew(BackupError):
    default_message = (
        "This backup was made by a newer version of Threadline; update Threadline to read it."
    )
