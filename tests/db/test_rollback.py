"""Rollback: an older database file, an older copy of the whole folder, one older page.

What is detected, and how, is written down in docs/architecture-notes.md; the one-page
figures there come from ``test_one_page_rollback_figures`` (shown with ``-rP``).
"""

from __future__ import annotations

import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.backup.service import Key, create_backup, restore_backup
from db.crypto.kdf import Argon2Params
from db.errors import ChangesMissing, DatabaseDamaged, SealDamaged, VaultOlderThanSeen
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.structure import check_structure
from db.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE, make_vault

SEAL = f"{DB_NAME}-seal"
PAGE = 4096


def add_sessions(vault: Vault, count: int, first_day: int = 0) -> None:
    services = Services.for_vault(vault)
    clients = services.clients.list_clients()
    client = clients[0].id if clients else services.clients.create(
        ClientInput(code="LARK")).value.id
    for n in range(count):
        services.sessions.create(client, SessionInput(
            date=date(2026, 1, 5) + timedelta(days=first_day + n)))


def session_count(vault: Vault) -> int:
    services = Services.for_vault(vault)
    return sum(len(services.sessions.list_for_client(client.id))
               for client in services.clients.list_clients())


def reopen(folder: Path, **unlock: bool) -> Vault:
    vault = Vault.open(folder)
    try:
        vault.unlock(PASSPHRASE, **unlock)
    except BaseException:
        vault.close()
        raise
    return vault


def put_back_an_older_database(vault_dir: Path, kept: int = 1, lost: int = 1) -> bytes:
    """The database file of a vault with ``kept`` sessions written back over a later one
    that had ``lost`` more (its seal says otherwise); returns those older bytes."""
    vault, _ = make_vault(vault_dir)
    add_sessions(vault, kept)
    vault.close()
    old = (vault_dir / DB_NAME).read_bytes()
    with reopen(vault_dir) as vault:
        add_sessions(vault, lost, first_day=10)
    (vault_dir / DB_NAME).write_bytes(old)
    return old


def make_older_copy(vault_dir: Path, spare: Path, kept: int = 1, lost: int = 1) -> None:
    """A vault with ``kept`` sessions whose folder is put back over a later one that had
    ``lost`` more: the whole folder is an older copy of what this computer saw."""
    vault, _ = make_vault(vault_dir)
    add_sessions(vault, kept)
    vault.close()
    shutil.copytree(vault_dir, spare / "old")
    with reopen(vault_dir) as vault:
        add_sessions(vault, lost, first_day=10)
    shutil.rmtree(vault_dir)
    shutil.copytree(spare / "old", vault_dir)


def test_an_older_database_file_under_a_newer_seal_is_refused(vault_dir: Path,
                                                               tmp_path: Path) -> None:
    old = put_back_an_older_database(vault_dir, kept=3, lost=2)
    with pytest.raises(ChangesMissing, match="older than its own record") as refused:
        reopen(vault_dir)
    assert refused.value.missing >= 2
    assert (vault_dir / DB_NAME).read_bytes() == old  # untouched
    assert len(list(vault_dir.glob("recovery-*"))) == 1


def test_an_older_database_and_log_under_a_newer_seal_are_refused(vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    vault.database.checkpointer.stop()
    add_sessions(vault, 3)
    old = {name: (vault_dir / name).read_bytes() for name in (DB_NAME, f"{DB_NAME}-wal")}
    add_sessions(vault, 2, first_day=10)
    vault.close()
    (vault_dir / f"{DB_NAME}-shm").unlink(missing_ok=True)
    for name, data in old.items():
        (vault_dir / name).write_bytes(data)
    with pytest.raises(ChangesMissing, match="log was damaged"):
        reopen(vault_dir)


def test_an_older_copy_of_the_whole_folder_is_refused_until_accepted(
        vault_dir: Path, tmp_path: Path) -> None:
    make_older_copy(vault_dir, tmp_path, kept=3, lost=2)
    with pytest.raises(VaultOlderThanSeen, match="older than the one last opened") as refused:
        reopen(vault_dir)
    assert str(refused.value).count(". ") == 0
    assert not list(vault_dir.glob("recovery-*"))  # nothing is damaged: nothing to keep
    with reopen(vault_dir, accept_older=True) as vault:  # restored on purpose
        assert session_count(vault) == 3
    with reopen(vault_dir) as vault:  # accepted once: this device now knows this copy
        assert session_count(vault) == 3


def test_a_restored_backup_is_a_new_vault_and_opens(vault_dir: Path, tmp_path: Path) -> None:
    vault, _ = make_vault(vault_dir)
    add_sessions(vault, 3)
    create_backup(vault.database, tmp_path / "b.age", passphrase=PASSPHRASE)
    add_sessions(vault, 2, first_day=10)
    vault.close()
    restore_backup(tmp_path / "b.age", Key(passphrase=PASSPHRASE), tmp_path / "restored",
                   PASSPHRASE, params=Argon2Params.minimum())
    with reopen(tmp_path / "restored") as restored:
        assert session_count(restored) == 3
    with reopen(vault_dir) as vault:
        assert session_count(vault) == 5


def test_a_missing_or_forged_seal_is_refused_and_a_torn_slot_is_not(vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    add_sessions(vault, 2)
    vault.close()
    seal = (vault_dir / SEAL).read_bytes()
    torn = bytearray(seal)
    newest = max(range(2), key=lambda i: int.from_bytes(seal[i * 64 + 8:i * 64 + 16], "big"))
    torn[newest * 64 + 20] ^= 1  # a write torn mid-slot: the other slot holds
    (vault_dir / SEAL).write_bytes(bytes(torn))
    with reopen(vault_dir) as vault:
        assert session_count(vault) == 2
    (vault_dir / SEAL).unlink()
    with pytest.raises(SealDamaged):
        reopen(vault_dir)
    forged = bytearray(seal)
    for slot in range(2):
        forged[slot * 64 + 40] ^= 1
    (vault_dir / SEAL).write_bytes(bytes(forged))
    with pytest.raises(SealDamaged):
        reopen(vault_dir)


def test_lock_and_unlock_cycles_raise_no_alarm(vault: Vault) -> None:
    for n in range(4):
        add_sessions(vault, 1, first_day=n)
        vault.lock()
        vault.unlock(PASSPHRASE, verify="later")
        vault.verify_integrity()
    assert session_count(vault) == 4


def _classify(folder: Path, recovery_key: str, seen: Path) -> str:
    """How a copy with one page put back is caught: by the seal's counter, by a page's
    HMAC, on opening (SQLite meets a page that makes no sense), by the structural check
    of the background check, or not at all."""
    vault = Vault.open(folder)
    vault.seen_dir = seen
    try:
        try:
            vault.unlock_with_recovery_key(recovery_key)  # every page's HMAC first
        except ChangesMissing:
            return "counter"
        except DatabaseDamaged as error:
            return "hmac" if "authentication" in error.detail else "opening"
        try:
            check_structure(vault.database.engine)
        except DatabaseDamaged:
            return "structure"
        return "undetected"
    finally:
        vault.close()


def older_and_newer_file(vault_dir: Path) -> tuple[str, bytes, bytes]:
    """A vault's recovery key and its database file before and after more work."""
    vault, recovery_key = make_vault(vault_dir)
    add_sessions(vault, 30)
    vault.close()
    old = (vault_dir / DB_NAME).read_bytes()
    with reopen(vault_dir) as vault:
        services = Services.for_vault(vault)
        add_sessions(vault, 30, first_day=40)
        for item in services.sessions.list_for_client(services.clients.list_clients()[0].id)[:10]:
            services.notes.save(item.id, "process", f"a changed note {item.number} " * 40,
                                "manual")
    return recovery_key, old, (vault_dir / DB_NAME).read_bytes()


def changed_pages(old: bytes, new: bytes) -> list[int]:
    return [i for i in range(min(len(old), len(new)) // PAGE)
            if old[i * PAGE:(i + 1) * PAGE] != new[i * PAGE:(i + 1) * PAGE]]


def with_old_page(vault_dir: Path, case: Path, old: bytes, new: bytes, page: int) -> None:
    shutil.rmtree(case, ignore_errors=True)
    shutil.copytree(vault_dir, case)
    data = bytearray(new)
    data[page * PAGE:(page + 1) * PAGE] = old[page * PAGE:(page + 1) * PAGE]
    (case / DB_NAME).write_bytes(bytes(data))


def test_one_page_rollback_figures(vault_dir: Path, tmp_path: Path) -> None:
    """Each page that changed, put back from the older file on its own, in a copy."""
    recovery_key, old, new = older_and_newer_file(vault_dir)
    changed = changed_pages(old, new)
    tally: dict[str, int] = {"counter": 0, "hmac": 0, "opening": 0, "structure": 0,
                             "undetected": 0}
    for n, page in enumerate(changed):
        with_old_page(vault_dir, tmp_path / "case", old, new, page)
        tally[_classify(tmp_path / "case", recovery_key, tmp_path / f"seen-{n}")] += 1
    sys.stdout.write(f"one-page rollback: tried {len(changed)}, " + ", ".join(
        f"{how} {count}" for how, count in tally.items()) + "\n")
    assert tally["counter"] >= 1  # the counter's own page is always caught
    assert tally["hmac"] == 0  # an older page of the same file passes its HMAC


def test_the_background_check_reports_an_inconsistent_file_as_damage(
        vault_dir: Path, tmp_path: Path) -> None:
    recovery_key, old, new = older_and_newer_file(vault_dir)
    for n, page in enumerate(changed_pages(old, new)):
        with_old_page(vault_dir, tmp_path / "case", old, new, page)
        if _classify(tmp_path / "case", recovery_key, tmp_path / f"seen-{n}") == "structure":
            break
    else:
        pytest.fail("no one-page rollback was caught by the structural check")
    vault = Vault.open(tmp_path / "case")
    vault.seen_dir = tmp_path / "seen-background"
    try:
        vault.unlock_with_recovery_key(recovery_key, verify="later")
        with pytest.raises(DatabaseDamaged, match="damaged"):
            vault.verify_integrity()  # the HMACs pass; SQLite's own check does not
        with pytest.raises(DatabaseDamaged):
            add_sessions(vault, 1, first_day=90)  # and nothing is written any more
    finally:
        vault.close()


def test_the_refusal_names_the_date_of_the_last_backup(vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    Services.for_vault(vault).settings.update(last_backup_at="2026-11-30T12:00:00+00:00")
    vault.close()
    old = (vault_dir / DB_NAME).read_bytes()
    with reopen(vault_dir) as vault:
        add_sessions(vault, 1)
    (vault_dir / DB_NAME).write_bytes(old)
    with pytest.raises(ChangesMissing, match=r"restore your last backup \(made 30 November 2026\)"):
        reopen(vault_dir)
