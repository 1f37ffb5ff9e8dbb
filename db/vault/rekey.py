"""Re-encrypting the database under a new data key, safely against a crash.

SQLCipher's ``PRAGMA rekey`` rewrites the file in place and reports no progress, so the
database is instead copied with ``sqlcipher_export()`` into a new file keyed with the
new data key, checked, and renamed over the old one. The order makes every moment
recoverable (docs/vault-format.md, "Re-encryption"):

1. copy into :data:`REKEYED_NAME` (the old file and key file untouched; a crash leaves
   a stray copy, removed at the next unlock);
2. write the key file naming the new key, with the old key wrapped under it
   (``previous``);
3. rename the copy over ``threadline.db``;
4. write the key file without ``previous``.

A crash after 2 is finished at the next unlock by :func:`finish`: the copy was complete
before 2 began, so it is renamed if it is still there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from db.atomic import fsync_dir
from db.errors import DatabaseDamaged
from db.vault.engine import connect_raw
from db.vault.files import DB_NAME

log = logging.getLogger(__name__)

REKEYED_NAME = f".{DB_NAME}.rekeyed"
#: How often the copy's growth is reported.
PROGRESS_SECONDS = 0.25

Progress = Callable[[float], None]


def rekeyed_path(folder: Path) -> Path:
    return folder / REKEYED_NAME


def discard_stray(folder: Path) -> None:
    """Remove what an interrupted copy (step 1) left behind."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        (folder / f"{REKEYED_NAME}{suffix}").unlink(missing_ok=True)


@contextlib.contextmanager
def _reporting(source: Path, target: Path, progress: Progress | None) -> Iterator[None]:
    """Report the copy's size as a share of the original until the block ends.

    SQLCipher gives no progress for an export, but the copy grows page by page as the
    page cache spills, which is an honest measure of how far it got.
    """
    if progress is None:
        yield
        return
    done = threading.Event()
    total = max(source.stat().st_size, 1)

    def watch() -> None:
        while not done.wait(PROGRESS_SECONDS):
            with contextlib.suppress(OSError):
                progress(min(0.99, target.stat().st_size / total))

    watcher = threading.Thread(target=watch, name="rekey-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def copy_rekeyed(db_path: Path, old_key: bytearray, new_key: bytearray,
                 progress: Progress | None = None) -> Path:
    """Step 1: the whole database, keyed with ``new_key``, in a sibling file.

    Every other connection must be closed. The copy is synced and each of its pages
    checked (``cipher_integrity_check``) before its path is returned.
    """
    folder = db_path.parent
    discard_stray(folder)
    target = rekeyed_path(folder)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        conn = connect_raw(db_path, old_key)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"",
                         (str(target),))
            with _reporting(db_path, target, progress):
                conn.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
            conn.execute("DETACH DATABASE rekeyed")
        finally:
            conn.close()
        fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        check = connect_raw(target, new_key)  # also turns the copy to WAL, as the vault is
        try:
            problems = check.execute("PRAGMA cipher_integrity_check").fetchall()
        finally:
            check.close()
        if problems:
            raise DatabaseDamaged(detail=f"re-encrypted copy: {len(problems)} bad page(s)")
    except BaseException:
        discard_stray(folder)
        raise
    if progress is not None:
        progress(1.0)
    return target


def swap_in(db_path: Path) -> None:
    """Step 3: the re-encrypted copy becomes the database.

    The old file's WAL was truncated by the checkpoint and its connections are closed;
    its ``-wal`` and ``-shm`` (empty, or absent) must not outlive it, because SQLite
    would pair them with the new file.
    """
    folder = db_path.parent
    for suffix in ("-wal", "-shm"):
        (folder / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    os.replace(rekeyed_path(folder), db_path)
    fsync_dir(folder)


def finish(folder: Path) -> bool:
    """After a crash between steps 2 and 4: rename the copy if it is still there.

    Returns True if it did (the caller then drops ``previous`` from the key file).
    """
    target = rekeyed_path(folder)
    if not target.exists():
        return False
    for suffix in ("-journal", "-wal", "-shm"):  # the check's, if it was cut short
        (folder / f"{REKEYED_NAME}{suffix}").unlink(missing_ok=True)
    swap_in(folder / DB_NAME)
    log.info("unfinished re-encryption completed")
    return True
