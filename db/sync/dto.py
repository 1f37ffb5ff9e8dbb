"""What sync tells the front ends: frozen values, no ORM, no client data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Problem(StrEnum):
    """Why the vault is not in step (the front ends word them)."""

    FOLDER_MISSING = "folder-missing"
    FOLDER_FOREIGN = "folder-foreign"
    DEVICE_SILENT = "device-silent"      # a device not seen for 30 days
    FILE_REFUSED = "file-refused"        # a file that does not authenticate
    WAITING = "waiting"                  # a device's files held back: an earlier one is missing


@dataclass(frozen=True)
class DeviceStatus:
    id: str
    name: str
    this_device: bool
    last_seen_at: datetime | None
    applied: int          # the last file of it applied here (for this device: written)
    waiting: int          # its files in the folder not applied yet
    refused: str | None   # why its next file was refused, if it was
    #: The number of its next file when that file is not in the folder although later
    #: ones are (a gap: they wait for it to arrive); None when there is no gap.
    missing: int | None = None


@dataclass(frozen=True)
class SyncStatus:
    syncing: bool
    folder: str = ""
    device_name: str = ""
    last_sync_at: datetime | None = None
    unsent: int = 0       # changes of this device not written to the folder yet
    devices: tuple[DeviceStatus, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class SyncReport:
    """What one ``sync now`` did."""

    exported: int = 0         # changes written
    files_written: int = 0
    files_applied: int = 0
    applied: int = 0          # changes received and applied
    kept: int = 0
    restored: int = 0
    conflicts: int = 0
    addenda: int = 0
    renamed: int = 0
    refused: tuple[str, ...] = ()   # reasons, one per refused file (for the log and CLI)
    waiting: int = 0
    changed_sessions: tuple[str, ...] = field(default=())
    changed_clients: tuple[str, ...] = field(default=())
