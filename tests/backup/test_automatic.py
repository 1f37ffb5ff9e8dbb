"""Automatic backups: when they are due, where they go, and which files are kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pyrage import x25519

from db.backup.automatic import file_name, is_due, last_backup, run_automatic_backup, to_keep
from db.backup.errors import BackupError
from db.backup.service import Key, verify_backup
from db.services.hub import Services
from db.services.settings import VaultSettings
from db.vault.vault import Vault

START = datetime(2026, 3, 2, 21, 0, tzinfo=UTC)  # a Monday evening


def stamps(days: int, per_day: int = 1) -> list[datetime]:
    return [START + timedelta(days=d, hours=h) for d in range(days) for h in range(per_day)]


def test_keep_newest_per_day_and_per_week() -> None:
    every = stamps(30, per_day=2)  # 2 Mar 21:00 .. 31 Mar 22:00, two a day
    keep = to_keep(every, keep_daily=2, keep_weekly=3)

    def at(day: int) -> datetime:
        return datetime(2026, 3, day, 22, 0, tzinfo=UTC)

    # newest of 31 and 30 March (days); of ISO weeks 14 (31st), 13 (29th) and 12 (22nd)
    assert keep == {at(31), at(30), at(29), at(22)}


def test_keep_everything_when_there_are_few() -> None:
    few = stamps(3)
    assert to_keep(few, keep_daily=7, keep_weekly=8) == set(few)


def test_keep_no_weeklies() -> None:
    assert to_keep(stamps(10), keep_daily=2, keep_weekly=0) == set(stamps(10)[-2:])


@pytest.fixture
def configured(filled: Vault, tmp_path: Path) -> tuple[Vault, Path, x25519.Identity]:
    identity = x25519.Identity.generate()
    folder = tmp_path / "drive"
    folder.mkdir()
    Services.for_vault(filled).settings.update(
        backup_folder=str(folder), backup_recipient=str(identity.to_public()),
        backup_keep_daily=2, backup_keep_weekly=1)
    return filled, folder, identity


def test_automatic_backups_rotate(configured: tuple[Vault, Path, x25519.Identity]) -> None:
    vault, folder, identity = configured
    (folder / "holiday.jpg").write_bytes(b"not ours")
    for day in range(6):
        result = run_automatic_backup(vault, START + timedelta(days=day))
        assert result.path.name == file_name(START + timedelta(days=day))
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["holiday.jpg", "threadline-2026-03-06-210000.age",
                     "threadline-2026-03-07-210000.age"]
    key = Key(identities=(identity,))
    assert verify_backup(folder / names[-1], key).counts["sessions"] == 2
    settings = Services.for_vault(vault).settings.load()
    assert settings.last_backup_at == "2026-03-07T21:00:00Z"
    events = Services.for_vault(vault).audit.events(limit=1)
    assert events[0].action == "backup_created"
    assert '"automatic":true' in events[0].detail


def test_due_after_the_interval(configured: tuple[Vault, Path, x25519.Identity]) -> None:
    vault, _, _ = configured
    services = Services.for_vault(vault)
    assert is_due(services.settings.load(), START)
    run_automatic_backup(vault, START)
    settings = services.settings.load()
    assert not is_due(settings, START + timedelta(hours=23))
    assert is_due(settings, START + timedelta(hours=24))


def test_not_due_when_not_configured() -> None:
    assert not is_due(VaultSettings(), START)


def test_unconfigured_or_missing_folder_is_a_clear_error(filled: Vault, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="Choose a backup folder"):
        run_automatic_backup(filled, START)
    Services.for_vault(filled).settings.update(
        backup_folder=str(tmp_path / "unplugged"),
        backup_recipient=str(x25519.Identity.generate().to_public()))
    with pytest.raises(BackupError, match="not available"):
        run_automatic_backup(filled, START)
    assert Services.for_vault(filled).settings.load().last_backup_at == ""


def test_saving_settings_read_before_a_backup_keeps_that_backup(
        configured: tuple[Vault, Path, x25519.Identity]) -> None:
    """Bug: the settings window saved every field, so settings it had read before a backup
    wrote "no backup yet" back over it, and the next start said so."""
    vault, _, _ = configured
    service = Services.for_vault(vault).settings
    read_before = service.load()
    run_automatic_backup(vault, START)
    saved = service.save(replace(read_before, auto_lock_minutes=15)).value
    assert saved.last_backup_at == "2026-03-02T21:00:00Z"
    assert saved.auto_lock_minutes == 15
    assert last_backup(service.load()) == START
    assert not is_due(service.load(), START + timedelta(hours=1))
