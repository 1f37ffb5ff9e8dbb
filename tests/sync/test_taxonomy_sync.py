"""The taxonomy across devices: a shipped upgrade taken on two devices independently, and
a merge on one device while the other marks with the merged theme."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from db.backup.service import Key, create_backup, restore_backup
from db.crypto.kdf import Argon2Params
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.sync.service import SyncService
from db.taxonomy.file import default_taxonomy_path
from db.taxonomy.seed import upgrade_taxonomy
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Device, first_device, group_of, joined_device, settle, shared_bytes

#: What revision 2 of the shipped taxonomy added (db/taxonomy/seed.py, "upgrade").
ADDED_IN_2 = ("process.insight", "process.enactment", "process.silence")


def _revision_1(tmp_path: Path) -> Path:
    document = json.loads(default_taxonomy_path().read_text(encoding="utf-8"))
    assert document["taxonomy_revision"] == 2
    first = dict(document, taxonomy_revision=1, themes=[
        t for t in document["themes"] if t["category"] != "process"
        or t["key"] in ("process.resistance", "process.interpretation")])
    path = tmp_path / "r1.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    return path


def _keys(device: Device) -> Counter[str]:
    with device.vault.database.read() as session:
        return Counter(row[0] for row in session.execute(text(
            "SELECT coalesce(key, name) FROM theme")))


def _mark_keys(device: Device, session_id: object) -> list[str | None]:
    by_id = {t.id: t.key for t in device.services.themes.taxonomy().themes}
    return sorted(str(by_id[m.theme_id]) for m in device.services.marks.list_for_session(
        session_id))  # type: ignore[arg-type]


def test_a_shipped_upgrade_taken_on_two_devices_gives_one_theme_per_key(
        tmp_path: Path) -> None:
    office, _ = Vault.create(tmp_path / "office", PASSPHRASE, params=Argon2Params.minimum())
    upgrade_taxonomy(office.database, _revision_1(tmp_path))
    a = Device(office, Services.for_vault(office), SyncService(office))
    folder = tmp_path / "Sync"
    a.sync.start(folder, "Office")
    client = a.services.clients.create(ClientInput(code="UP-02")).value
    session = a.services.sessions.create(client.id, SessionInput(date=date(2026, 6, 1))).value
    settle([a])
    create_backup(office.database, tmp_path / "b.age", passphrase=PASSPHRASE)
    restore_backup(tmp_path / "b.age", Key(passphrase=PASSPHRASE), tmp_path / "laptop",
                   PASSPHRASE, params=Argon2Params.minimum())
    laptop = Vault.open(tmp_path / "laptop")
    laptop.unlock(PASSPHRASE)
    b = Device(laptop, Services.for_vault(laptop), SyncService(laptop))
    try:
        b.sync.join(folder, "Laptop")
        for device in (a, b):  # each takes the upgrade on its own, before hearing of the other
            report = upgrade_taxonomy(device.vault.database)
            assert set(ADDED_IN_2) <= set(report.added_themes)
        themes = sum(_keys(a).values())
        a_ids, b_ids = a.services.themes.ids_by_key(), b.services.themes.ids_by_key()
        a.services.marks.add(session.id, MarkInput(theme_id=a_ids["process.insight"]))
        b.services.marks.add(session.id, MarkInput(theme_id=b_ids["process.enactment"]))
        b.services.marks.add(session.id, MarkInput(theme_id=b_ids["process.insight"]))
        settle([a, b])
        for device in (a, b):
            assert max(_keys(device).values()) == 1  # no key twice …
            assert sum(_keys(device).values()) == themes  # … and no copy that lost its key
            assert _mark_keys(device, session.id) == [
                "process.enactment", "process.insight", "process.insight"]
        assert a.services.themes.ids_by_key() == b.services.themes.ids_by_key()
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_marks_made_elsewhere_with_a_theme_merged_here_follow_the_merge(
        tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    try:
        client = a.services.clients.create(ClientInput(code="MG-03")).value
        first = a.services.sessions.create(client.id, SessionInput(date=date(2026, 6, 2))).value
        ids = a.services.themes.ids_by_key()
        source, target = ids["process.resistance"], ids["process.interpretation"]
        a.services.marks.add(first.id, MarkInput(theme_id=source))
        settle([a, b])
        a.services.themes.merge(source, target)  # on the office computer …
        second = b.services.sessions.create(client.id, SessionInput(  # … while the laptop
            date=date(2026, 6, 9))).value                           # marks with the old one
        b.services.marks.add(second.id, MarkInput(theme_id=source, intensity=3))
        b.services.marks.add(first.id, MarkInput(theme_id=source, intensity=1))
        settle([a, b])
        for device in (a, b):
            with device.vault.database.read() as session:
                left = session.execute(text("SELECT count(*) FROM mark WHERE theme_id = :t"),
                                       {"t": source.hex}).scalar_one()
            assert left == 0
            assert _mark_keys(device, first.id) == ["process.interpretation"] * 2
            assert _mark_keys(device, second.id) == ["process.interpretation"]
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_a_shipped_theme_deleted_on_one_device_is_not_added_back_by_the_others_upgrade(
        tmp_path: Path) -> None:
    office, _ = Vault.create(tmp_path / "office", PASSPHRASE, params=Argon2Params.minimum())
    upgrade_taxonomy(office.database, _revision_1(tmp_path))
    a = Device(office, Services.for_vault(office), SyncService(office))
    folder = tmp_path / "Sync"
    a.sync.start(folder, "Office")
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    try:
        upgrade_taxonomy(a.vault.database)
        settle([a, b])
        a.services.themes.delete_theme(a.services.themes.ids_by_key()["process.silence"])
        settle([a, b])
        upgrade_taxonomy(b.vault.database)  # the laptop had never taken revision 2 itself
        settle([a, b])
        _assert_silence_gone_and_insight_kept(a, b)
    finally:
        a.close()
        b.close()


def _assert_silence_gone_and_insight_kept(a: Device, b: Device) -> None:
    """Both devices: the deleted shipped theme stays deleted, its sibling stays, and the
    shared state is the same bytes."""
    for device in (a, b):
        assert "process.silence" not in device.services.themes.ids_by_key()
        assert "process.insight" in device.services.themes.ids_by_key()
    assert shared_bytes(a) == shared_bytes(b)


def _office_on_revision_1(tmp_path: Path) -> tuple[Device, Device]:
    office, _ = Vault.create(tmp_path / "office", PASSPHRASE, params=Argon2Params.minimum())
    upgrade_taxonomy(office.database, _revision_1(tmp_path))
    a = Device(office, Services.for_vault(office), SyncService(office))
    folder = tmp_path / "Sync"
    a.sync.start(folder, "Office")
    return a, joined_device(tmp_path / "b", folder, group_of(a), "Laptop")


def _theme_of(device: Device, key: str) -> dict[str, object] | None:
    with device.vault.database.read() as session:
        row = session.execute(text("SELECT name, archived_at FROM theme WHERE key = :k"),
                              {"k": key}).mappings().first()
    return dict(row) if row is not None else None


def test_a_shipped_theme_deleted_before_the_first_export_stays_deleted(
        tmp_path: Path) -> None:
    """The office takes the upgrade and deletes one of its new themes before it ever
    syncs again; the laptop takes the upgrade only after hearing from the office."""
    a, b = _office_on_revision_1(tmp_path)
    try:
        upgrade_taxonomy(a.vault.database)
        a.services.themes.delete_theme(a.services.themes.ids_by_key()["process.silence"])
        settle([a, b])
        upgrade_taxonomy(b.vault.database)
        settle([a, b])
        _assert_silence_gone_and_insight_kept(a, b)
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("change", ["delete", "archive", "merge"])
def test_a_later_upgrade_elsewhere_does_not_undo_a_change_to_a_shipped_theme(
        tmp_path: Path, change: str) -> None:
    """The laptop takes the upgrade later, as it unlocks, before its first sync after
    it: its fresh copy of the theme must not bring back what the office changed."""
    a, b = _office_on_revision_1(tmp_path)
    try:
        upgrade_taxonomy(a.vault.database)
        ids = a.services.themes.ids_by_key()
        silence = ids["process.silence"]
        if change == "delete":
            a.services.themes.delete_theme(silence)
        elif change == "archive":
            a.services.themes.archive(silence)
        else:
            a.services.themes.merge(silence, ids["process.resistance"])
        settle([a])
        upgrade_taxonomy(b.vault.database)  # later than the office's change
        settle([a, b])
        for device in (a, b):
            theme = _theme_of(device, "process.silence")
            if change == "delete":
                assert theme is None
            else:
                assert theme is not None
                assert theme["archived_at"] is not None
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()
