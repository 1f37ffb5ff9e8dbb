"""Automatic backups: due or not, write one, keep the last N daily and M weekly files.

Scheduler-agnostic: the GUI calls :func:`is_due` on a timer and on quit, and runs
:func:`run_automatic_backup` off its thread; a test calls them with any ``now``.
Automatic backups are encrypted to the age public key in the vault settings, so no
passphrase is typed; files are named ``threadline-YYYY-MM-DD-HHMMSS.age`` (UTC), which
says nothing about the notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.backup import age
from db.backup.errors import BackupError
from db.backup.service import BackupSummary, create_backup
from db.services.base import DatabaseProvider
from db.services.settings import SettingsService, VaultSettings

NAME = re.compile(r"threadline-(\d{4}-\d{2}-\d{2}-\d{6})\.age")
STALE_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class AutomaticResult:
    path: Path
    summary: BackupSummary
    removed: tuple[Path, ...]


def file_name(now: datetime) -> str:
    return f"threadline-{now.astimezone(UTC):%Y-%m-%d-%H%M%S}.age"


def last_backup(settings: VaultSettings) -> datetime | None:
    if not settings.last_backup_at:
        return None
    try:
        when = datetime.fromisoformat(settings.last_backup_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def is_configured(settings: VaultSettings) -> bool:
    return bool(settings.backup_folder and settings.backup_recipient)


def is_due(settings: VaultSettings, now: datetime) -> bool:
    """Automatic backups are set up and the interval since the last one has passed."""
    if not is_configured(settings):
        return False
    last = last_backup(settings)
    return last is None or now - last >= timedelta(hours=max(1, settings.backup_interval_hours))


def to_keep(stamps: Iterable[datetime], keep_daily: int, keep_weekly: int) -> set[datetime]:
    """Grandfather-father-son: the newest backup of each of the last ``keep_daily`` days
    that have one, and of each of the last ``keep_weekly`` ISO weeks that have one."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    for count, bucket in ((keep_daily, lambda t: t.date()),
                          (keep_weekly, lambda t: t.isocalendar()[:2])):
        seen: list[object] = []
        for stamp in newest_first:
            key = bucket(stamp)
            if key not in seen:
                if len(seen) >= count:
                    break
                seen.append(key)
                keep.add(stamp)
    return keep


def backups_in(folder: Path) -> dict[datetime, Path]:
    found: dict[datetime, Path] = {}
    for path in folder.iterdir():
        match = NAME.fullmatch(path.name)
        if match and path.is_file():
            stamp = datetime.strptime(match.group(1), "%Y-%m-%d-%H%M%S").replace(tzinfo=UTC)
            found[stamp] = path
    return found


def rotate(folder: Path, keep_daily: int, keep_weekly: int, newest: Path) -> tuple[Path, ...]:
    """Remove automatic backups beyond what is kept; never the one just written."""
    found = backups_in(folder)
    keep = to_keep(found, max(1, keep_daily), keep_weekly)
    removed = []
    for stamp, path in sorted(found.items()):
        if stamp not in keep and path != newest:
            path.unlink(missing_ok=True)
            removed.append(path)
    return tuple(removed)


def run_automatic_backup(vault: DatabaseProvider, now: datetime) -> AutomaticResult:
    """Write one automatic backup to the configured folder and rotate the old ones."""
    settings = SettingsService(vault).load()
    if not is_configured(settings):
        raise BackupError("Choose a backup folder and a public key for automatic backups "
                          "first.")
    folder = Path(settings.backup_folder)
    if not folder.is_dir():
        raise BackupError("The backup folder is not available (is the drive connected?).")
    recipient = age.parse_recipient(settings.backup_recipient)
    path = folder / file_name(now)
    summary = create_backup(vault.database, path, recipients=[recipient], now=now,
                            automatic=True)
    removed = rotate(folder, settings.backup_keep_daily, settings.backup_keep_weekly, path)
    return AutomaticResult(path, summary, removed)
