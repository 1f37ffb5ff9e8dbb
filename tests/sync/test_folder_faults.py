"""What a synced folder can do to the files, and what a stranger can put there."""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from db.services.dto import ClientInput, SessionInput
from db.sync import folder as sync_folder
from db.vocabulary import NoteKind
from tests.sync.helpers import Device, first_device, group_of, joined_device, settle, shared_bytes

CANARY = "Canary-7f3e lighthouse keeper"


def _pair(tmp_path: Path) -> tuple[Device, Device, Path]:
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    return a, b, folder


def _device_folder(folder: Path, device: Device) -> Path:
    return folder / device.sync.status().devices[0].id


def _new_file(a: Device, folder: Path) -> Path:
    client = a.services.clients.create(ClientInput(code="FT-01")).value
    session = a.services.sessions.create(client.id, SessionInput(date=date(2026, 5, 1))).value
    a.services.notes.save(session.id, NoteKind.PROCESS, CANARY)
    a.sync.run()
    own = _device_folder(folder, a)
    return max(own.iterdir(), key=lambda p: p.name)


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    a, b, folder = _pair(tmp_path)
    yield a, b, folder
    a.close()
    b.close()


def test_a_tampered_byte_is_refused_logged_and_changes_nothing(pair, caplog) -> None:  # type: ignore[no-untyped-def]
    a, b, folder = pair
    newest = _new_file(a, folder)
    good = newest.read_bytes()
    before = shared_bytes(b)
    for offset in (0, 9, 30, len(good) // 2, len(good) - 1):
        bad = bytearray(good)
        bad[offset] ^= 0x01
        newest.write_bytes(bytes(bad))
        with caplog.at_level(logging.WARNING):
            report = b.sync.run()
        assert report.refused
        assert report.files_applied == 0
        assert shared_bytes(b) == before
    assert CANARY not in caplog.text
    assert "refused" in caplog.text
    newest.write_bytes(good)  # the whole file arrives after all: it is applied
    assert b.sync.run().files_applied == 1
    assert shared_bytes(a) == shared_bytes(b)


def test_a_truncated_file_waits_until_it_is_whole(pair) -> None:  # type: ignore[no-untyped-def]
    a, b, folder = pair
    newest = _new_file(a, folder)
    good = newest.read_bytes()
    for size in (0, 10, len(good) - 1):
        newest.write_bytes(good[:size])
        assert b.sync.run().files_applied == 0
    newest.write_bytes(good)
    b.sync.run()
    assert shared_bytes(a) == shared_bytes(b)


def test_engine_temporaries_conflict_copies_and_strays_are_ignored(pair) -> None:  # type: ignore[no-untyped-def]
    a, b, folder = pair
    newest = _new_file(a, folder)
    own = newest.parent
    stem = newest.name.removesuffix(".tls")
    shutil.copy(newest, own / f".syncthing.{newest.name}.tmp")
    shutil.copy(newest, own / f"~syncthing~{newest.name}.tmp")
    shutil.copy(newest, own / f"{stem}.sync-conflict-20260501-101010-ABCDEFG.tls")
    (own / "notes.txt").write_text("stray")
    (folder / "desktop.ini").write_text("stray")
    (folder / "not-a-device").mkdir()
    report = b.sync.run()
    assert report.files_applied == 1
    assert not report.refused
    assert b.sync.run().files_applied == 0
    assert shared_bytes(a) == shared_bytes(b)


def test_files_out_of_order_wait_and_duplicates_apply_once(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, folder = pair
    first = _new_file(a, folder)
    a.services.clients.create(ClientInput(code="FT-02"))
    a.sync.run()
    second = max(first.parent.iterdir(), key=lambda p: p.name)
    held = tmp_path / "held"
    held.write_bytes(first.read_bytes())
    first.unlink()  # the engine brings the later file first
    assert b.sync.run().files_applied == 0
    shutil.copy(held, first)
    assert b.sync.run().files_applied == 2
    second.write_bytes(second.read_bytes())  # the same file delivered again
    assert b.sync.run().files_applied == 0
    assert shared_bytes(a) == shared_bytes(b)


def test_a_file_renamed_to_another_number_or_device_is_refused(pair) -> None:  # type: ignore[no-untyped-def]
    a, b, folder = pair
    newest = _new_file(a, folder)
    seq = int(newest.name[:12])
    replay = newest.with_name(sync_folder.file_name(seq + 1))
    shutil.copy(newest, replay)  # replayed under the next number
    b.sync.run()  # applies the real one, refuses the copy
    assert b.sync.status().devices[1].refused == "authentication"
    foreign = folder / ("f" * 32)
    foreign.mkdir()
    shutil.copy(newest, foreign / sync_folder.file_name(1))
    report = b.sync.run()
    assert "authentication" in report.refused


def test_another_vaults_files_are_refused(tmp_path: Path) -> None:
    one = first_device(tmp_path / "one", tmp_path / "SyncOne")
    other = first_device(tmp_path / "two", tmp_path / "SyncTwo")
    try:
        other.services.clients.create(ClientInput(code="XX-99"))
        other.sync.run()
        for device_dir in (tmp_path / "SyncTwo").iterdir():
            if device_dir.is_dir():
                shutil.copytree(device_dir, tmp_path / "SyncOne" / device_dir.name)
        report = one.sync.run()
        assert report.files_applied == 0
        assert report.refused
        assert all(c.code != "XX-99" for c in one.services.clients.list_clients())
    finally:
        one.close()
        other.close()


def test_a_folder_gone_missing_is_said_and_nothing_is_lost(pair) -> None:  # type: ignore[no-untyped-def]
    from db.errors import SyncFolderMissing
    from db.sync.dto import Problem

    a, b, folder = pair
    moved = folder.with_name("Elsewhere")
    folder.rename(moved)
    a.services.clients.create(ClientInput(code="OF-01"))
    with pytest.raises(SyncFolderMissing):
        a.sync.run()
    assert Problem.FOLDER_MISSING in a.sync.status().problems
    moved.rename(folder)
    settle([a, b])
    assert any(c.code == "OF-01" for c in b.services.clients.list_clients())


def test_the_folder_holds_no_client_text_and_names_say_nothing(pair) -> None:  # type: ignore[no-untyped-def]
    a, b, folder = pair
    _new_file(a, folder)
    b.sync.run()
    for path in folder.rglob("*"):
        assert "FT-01" not in str(path)
        if path.is_file():
            data = path.read_bytes()
            assert CANARY.encode() not in data
            assert b"FT-01" not in data


def test_a_copied_vault_folder_never_overwrites_the_originals_files(tmp_path: Path) -> None:
    from db.errors import SyncDeviceCloned
    from db.services.hub import Services
    from db.sync.service import SyncService
    from db.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    folder = tmp_path / "Sync"
    original = first_device(tmp_path / "a", folder)
    original.close()
    shutil.copytree(tmp_path / "a", tmp_path / "copy")
    devices = []
    for name in ("a", "copy"):
        vault = Vault.open(tmp_path / name)
        vault.unlock(PASSPHRASE, accept_older=True)
        devices.append(Device(vault, Services.for_vault(vault), SyncService(vault)))
    try:
        first, second = devices
        first.services.clients.create(ClientInput(code="CP-01"))
        first.sync.run()
        written = {p: p.read_bytes() for p in folder.rglob("*.tls")}
        second.services.clients.create(ClientInput(code="CP-02"))
        with pytest.raises(SyncDeviceCloned):
            second.sync.run()
        assert {p: p.read_bytes() for p in folder.rglob("*.tls")} == written
    finally:
        for device in devices:
            device.close()


def test_a_missing_earlier_file_is_reported_as_waiting_until_it_arrives(
        pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The engine delivers the office's third file before its second: the laptop says it
    is waiting (in the status, the window's status bar and the command line), and says
    nothing once the second file is there and applied."""
    from db.clock import utcnow
    from db.sync.dto import Problem
    from desktop.cli.commands.sync_report import status_text
    from desktop.gui.sync.status import describe

    a, b, folder = pair
    settle([a, b])
    second = _new_file(a, folder)
    a.services.clients.create(ClientInput(code="FT-02"))
    a.sync.run()
    held = tmp_path / "held-back"
    shutil.move(second, held)
    b.sync.run()
    status = b.sync.status()
    office = next(d for d in status.devices if d.name == "Office")
    assert Problem.WAITING in status.problems
    assert office.waiting == 1
    assert "an earlier file has not arrived" in status_text(status)
    assert "files are waiting for others to arrive" in status_text(status)
    assert describe(status, utcnow()) == ("Sync: waiting for files to arrive", True)
    assert "FT-02" not in {c.code for c in b.services.clients.list_clients()}
    shutil.move(held, second)
    b.sync.run()
    status = b.sync.status()
    assert status.problems == ()
    assert "FT-02" in {c.code for c in b.services.clients.list_clients()}
    assert "arrive" not in status_text(status)
    assert describe(status, utcnow())[0].startswith("Synced")
