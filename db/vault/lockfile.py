"""One process per vault: an exclusive advisory lock on the vault folder itself.

``flock`` belongs to an inode, so a lock on ``threadline.lock`` alone held only while
that file existed: deleting it (or a cleaner doing so) let a second process lock a new
file of the same name and open the vault. The lock is therefore also taken on the
folder (an ``O_RDONLY`` descriptor of a directory can be flocked on Linux and the BSDs),
which cannot be replaced while the vault's files are in it. ``threadline.lock`` is still
locked too, for Threadline 0.1 processes that only know that one. On Windows, where a
folder cannot be opened this way, only the lock file is locked; Windows does not let a
file be deleted while a process holds it open (without delete sharing), which covers it.

The operating system drops the locks when the process ends, however it ends, so a
crashed or killed Threadline never leaves a vault stuck.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from db.errors import VaultInUse

LOCK_NAME = "threadline.lock"

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _folder_fd(folder: Path) -> int | None:
        return None

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _folder_fd(folder: Path) -> int | None:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def try_lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False if another process holds it."""
    return _try_lock(fd)


def folder_is_free(folder: Path) -> bool:
    """True when no process holds ``folder``'s lock (it may then be cleaned up)."""
    try:
        fd = _folder_fd(folder)
    except OSError:
        return False
    if fd is None:  # pragma: no cover - Windows
        return not (folder / LOCK_NAME).exists()
    try:
        return _try_lock(fd)
    finally:
        os.close(fd)  # closing the only descriptor drops the probe's own lock


class ProcessLock:
    """Hold the vault folder's lock until :meth:`release` (or process exit)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fds: list[int] = []

    def acquire(self) -> None:
        """Raises :class:`VaultInUse` when another process holds either lock."""
        folder_fd = _folder_fd(self.folder)
        if folder_fd is not None and not _try_lock(folder_fd):
            os.close(folder_fd)
            raise VaultInUse
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            if folder_fd is not None:
                os.close(folder_fd)
            raise VaultInUse
        self._fds = [fd] if folder_fd is None else [folder_fd, fd]

    def release(self) -> None:
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = []

    @property
    def held(self) -> bool:
        return bool(self._fds)
