"""What a killed backup or restore leaves behind is removed by the next one.

A backup is written to ``.<name>.<random>.part`` beside its target and renamed when
verified; a restore builds its vault in ``.<name>.restoring-<random>``. A process killed
meanwhile leaves these (encrypted, but taking space and confusing a person who looks).
The writer holds an exclusive lock on its part file (and the restore on its folder), so
the next backup or restore removes exactly those nobody holds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

from db.vault.create import remove_abandoned
from db.vault.lockfile import try_lock

log = logging.getLogger(__name__)

RESTORING = "restoring"
#: Where a file cannot be locked to tell (Windows), a part file this old is abandoned.
STALE_SECONDS = 24 * 3600


def part_prefix(target: Path) -> str:
    return f".{target.name}."


def remove_stale_parts(target: Path) -> int:
    """Remove the abandoned part files of backups to ``target``; return how many."""
    removed = 0
    try:
        candidates = [p for p in target.parent.iterdir()
                      if p.name.startswith(part_prefix(target)) and p.name.endswith(".part")]
    except OSError:
        return 0
    for path in candidates:
        if _abandoned(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    if removed:
        log.info("removed %d part file(s) of an interrupted backup", removed)
    return removed


def _abandoned(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            return time.time() - os.fstat(fd).st_mtime > STALE_SECONDS
        return try_lock(fd)
    finally:
        os.close(fd)


def restoring_prefix(target: Path) -> str:
    return f".{target.name}.{RESTORING}-"


def remove_stale_restores(target: Path) -> int:
    """Remove the build folders of restores into ``target`` that were killed."""
    return remove_abandoned(target.parent, restoring_prefix(target))
