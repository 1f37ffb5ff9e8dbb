"""The sync folder on disk: its marker, one sub-folder per device, one file per export.

```
FOLDER/threadline-sync.json            {"format", "version", "group", "check"}
FOLDER/<device id>/000000000001.tls     sealed change files (db.sync.sealing)
```

Each device writes only into its own sub-folder and never rewrites a file, so a sync
engine has nothing to merge and never makes conflict copies of them. Everything else a
folder may hold is ignored by name: an engine's temporary files (``.syncthing.*.tmp``,
``~syncthing~*``), conflict copies (``*.sync-conflict-*``), our own temp files, a
stray file. Names say nothing of clients: a random device id and a number.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from db.atomic import fsync_dir, write_atomic
from db.errors import (
    FileChanged,
    FileTooLarge,
    NotARegularFile,
    SyncDeviceCloned,
    SyncFolderForeign,
    SyncFolderInUse,
    SyncFolderMissing,
    SyncFolderNotReady,
)
from db.safe_read import read_regular

log = logging.getLogger(__name__)

MARKER = "threadline-sync.json"
MARKER_FORMAT = "threadline-sync-folder"
MARKER_VERSION = 1
_DEVICE = re.compile(r"^[0-9a-f]{32}$")
_FILE = re.compile(r"^(\d{12})\.tls$")
#: A change file larger than this is refused unread.
MAX_FILE = 64 * 1024 * 1024


def file_name(seq: int) -> str:
    return f"{seq:012d}.tls"


def _check(key: bytes, group: str) -> str:
    return hmac.new(key, f"threadline sync folder\n{group}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Listing:
    """What a folder holds: ``files[device][seq]`` and how many names were ignored."""

    files: dict[str, dict[int, Path]]
    ignored: int


def claim(folder: Path, group: str, key: bytes) -> None:
    """Make ``folder`` this group's (write its marker); refuse another group's folder."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if marker.exists():
        check_marker(folder, group, key, in_use=True)
        return
    document = {"format": MARKER_FORMAT, "version": MARKER_VERSION, "group": group,
                "check": _check(key, group)}
    write_atomic(marker, (json.dumps(document, sort_keys=True) + "\n").encode(), mode=0o644)


def read_group(folder: Path) -> str:
    """The group id a folder's marker names (for joining); typed errors otherwise."""
    if not folder.is_dir():
        raise SyncFolderMissing
    try:
        document = json.loads(read_regular(folder / MARKER, 64 * 1024, follow_links=False))
    except FileNotFoundError:
        raise SyncFolderNotReady from None
    except (OSError, ValueError, NotARegularFile, FileTooLarge, FileChanged):
        raise SyncFolderForeign from None
    group = document.get("group") if isinstance(document, dict) else None
    if (not isinstance(group, str) or not _DEVICE.match(group)
            or document.get("format") != MARKER_FORMAT):
        raise SyncFolderForeign
    return group


def check_marker(folder: Path, group: str, key: bytes, *, in_use: bool = False) -> None:
    """Raise unless ``folder`` is reachable and its marker is this group's."""
    try:
        found = read_group(folder)
        document = json.loads((folder / MARKER).read_bytes())
    except SyncFolderNotReady:
        if in_use:
            raise
        return  # a marker not synced yet: our own files still go there
    except (OSError, ValueError):
        raise SyncFolderForeign from None
    if found != group or not hmac.compare_digest(str(document.get("check")),
                                                 _check(key, group)):
        raise SyncFolderInUse if in_use else SyncFolderForeign


def listing(folder: Path) -> Listing:
    """Every well-named change file in ``folder``; raises :class:`SyncFolderMissing`."""
    if not folder.is_dir():
        raise SyncFolderMissing
    files: dict[str, dict[int, Path]] = {}
    ignored = 0
    for entry in os.scandir(folder):
        if not entry.is_dir(follow_symlinks=False):
            ignored += entry.name != MARKER
            continue
        if not _DEVICE.match(entry.name):
            ignored += 1
            continue
        mine = files.setdefault(entry.name, {})
        for item in os.scandir(entry.path):
            found = _FILE.match(item.name)
            if found and item.is_file(follow_symlinks=False):
                mine[int(found.group(1))] = Path(item.path)
            else:
                ignored += 1
    return Listing(files, ignored)


def read_file(path: Path) -> bytes | None:
    """A change file's bytes, or ``None`` (logged) when it is not a readable regular file."""
    try:
        return read_regular(path, MAX_FILE, follow_links=False)
    except (OSError, NotARegularFile, FileTooLarge, FileChanged) as error:
        log.warning("sync file skipped: %s", type(error).__name__)
        return None


def write_file(folder: Path, device: str, seq: int, data: bytes) -> Path:
    """Write one of this device's files atomically (a hidden temp name, then the rename)."""
    own = folder / device
    created = not own.exists()
    own.mkdir(parents=True, exist_ok=True)
    if created:
        fsync_dir(folder)
    target = own / file_name(seq)
    with contextlib.suppress(FileNotFoundError):
        if target.read_bytes() == data:
            return target  # written before a crash: the same bytes, nothing to do
        # Our staged bytes are the only ones ever written under this number, so other
        # bytes there come from another copy of this vault using the same device id.
        raise SyncDeviceCloned
    write_atomic(target, data, mode=0o644)
    return target
