"""What a killed backup or restore left behind goes at the next one; the snapshot is durable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from db.backup import service
from db.backup.service import Key, create_backup, restore_backup
from db.vault.migrate import alembic_config
from db.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE, as_made_before_the_seal

HOLD = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("HELD", flush=True)
sys.stdin.read()
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")


def holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "HELD"
    return proc


def test_the_next_backup_removes_a_killed_backups_part_file(vault: Vault,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "backups" / "weekly.age"
    out.parent.mkdir()
    abandoned = out.parent / ".weekly.age.0123456789ab.part"
    abandoned.write_bytes(b"age-encryption.org/v1\n half a backup")
    in_use = out.parent / ".weekly.age.ba9876543210.part"  # another backup still writing
    in_use.write_bytes(b"age-encryption.org/v1\n")
    other = out.parent / ".monthly.age.0123456789ab.part"
    other.write_bytes(b"not ours to judge")
    proc = holder(in_use)
    try:
        create_backup(vault.database, out, passphrase="backup passphrase 7 lantern")
    finally:
        proc.communicate("", timeout=30)
    assert sorted(p.name for p in out.parent.iterdir()) == [
        ".monthly.age.0123456789ab.part", ".weekly.age.ba9876543210.part", "weekly.age"]


def test_the_next_restore_removes_a_killed_restores_folder(vault: Vault,
                                                          tmp_path: Path) -> None:
    backup = tmp_path / "b.age"
    secret = "backup passphrase 7 lantern"
    create_backup(vault.database, backup, passphrase=secret)
    target = tmp_path / "restored"
    leftover = tmp_path / ".restored.restoring-dead"
    leftover.mkdir()
    (leftover / DB_NAME).write_bytes(b"encrypted pages of a killed restore")
    restored, _ = restore_backup(backup, Key(passphrase=secret), target, PASSPHRASE)
    assert not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.age", "restored", "vault"]


def test_the_pre_migration_snapshot_is_fsynced(vault: Vault, vault_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Below 0005, which brought the seal: the vault then looks as 0.1 left it, however
    # many migrations came after.
    revisions = ScriptDirectory.from_config(alembic_config()).walk_revisions()
    previous = next(r.down_revision for r in revisions if r.revision == "0005")
    assert isinstance(previous, str)
    with vault.database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), previous)
    vault.close()
    as_made_before_the_seal(vault_dir)
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:  # the real fsync, and which file it was
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
    snapshot = vault_dir / f"{DB_NAME}.before-migration-{previous}"
    assert snapshot.stat().st_mode & 0o077 == 0
    assert any(f".{snapshot.name}." in Path(path).name for path in synced), synced


def test_a_backup_keeps_its_part_file_locked_while_it_reads_itself_back(
        vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another backup to the same file cleaning up while this one verifies leaves it be."""
    out = tmp_path / "weekly.age"
    seen: list[list[str]] = []
    real_verify = service.verify_backup

    def cleanup_then_verify(path: Path, key: Key) -> service.BackupSummary:
        service.remove_stale_parts(out)  # what a second backup does first
        seen.append(sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")))
        return real_verify(path, key)

    monkeypatch.setattr(service, "verify_backup", cleanup_then_verify)
    summary = create_backup(vault.database, out, passphrase="backup passphrase 7 lantern")
    assert [len(names) for names in seen] == [1]  # its own part file survived the cleanup
    assert summary.size == out.stat().st_size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault", "weekly.age"]
