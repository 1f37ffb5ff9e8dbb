"""Atomic file writes: a temp file in the target folder, fsync, rename, fsync the folder.

A reader sees either the old file or the complete new one, never a half-written file,
even if the process is killed or the machine loses power mid-write.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (no-op where the OS cannot open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name_for(target: Path) -> Path:
    """A hidden, unpredictable sibling name that reveals nothing of the content."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")


@contextlib.contextmanager
def atomic_writer(target: Path, mode: int = 0o600,
                  check: Callable[[Path], object] | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file; on normal exit it replaces ``target`` atomically.

    ``check``, if given, reads the complete temp file before the rename (a backup reads
    itself back); whatever it raises keeps ``target`` untouched. With a check the yielded
    file stays open until it is renamed, so a lock the caller took on ``handle.fileno()``
    holds through the (possibly long) check: a concurrent cleanup of abandoned temp files
    leaves it alone (see :mod:`db.backup.leftovers`). Without one it is closed before the
    rename, which Windows requires. On any exception the temp file is removed and
    ``target`` is untouched.
    """
    target = Path(target)
    tmp = temp_name_for(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            if check is not None:
                check(tmp)
                os.replace(tmp, target)
        if check is None:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def write_atomic(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``target`` with ``data`` atomically."""
    with atomic_writer(target, mode) as handle:
        handle.write(data)
