"""Two vaults of one clinician kept in step through one folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db.services.dto import ClientInput, SessionInput
from db.services.marks import MarkInput
from db.vocabulary import NoteKind
from tests.sync.helpers import (
    Device,
    first_device,
    group_of,
    joined_device,
    settle,
    shared_bytes,
)


def _pair(tmp_path: Path) -> tuple[Device, Device, Path]:
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    return a, b, folder


def test_a_new_vault_joins_and_holds_the_same_records(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    a_vault = first_device(tmp_path / "a", folder)
    try:
        client = a_vault.services.clients.create(ClientInput(code="RB-07")).value
        session = a_vault.services.sessions.create(client.id, SessionInput(
            date=date(2026, 3, 2))).value
        a_vault.services.notes.save(session.id, NoteKind.PROCESS, "She spoke of the ferry.")
        a_vault.sync.run()
        b = joined_device(tmp_path / "b", folder, group_of(a_vault), "Laptop")
        try:
            assert shared_bytes(a_vault) == shared_bytes(b)
            assert b.services.notes.load(session.id).process_note == "She spoke of the ferry."
        finally:
            b.close()
    finally:
        a_vault.close()


def test_changes_travel_both_ways_and_converge(tmp_path: Path) -> None:
    a, b, _ = _pair(tmp_path)
    try:
        client = a.services.clients.create(ClientInput(code="MK-01")).value
        settle([a, b])
        session = b.services.sessions.create(client.id, SessionInput(
            date=date(2026, 3, 3))).value
        b.services.notes.save(session.id, NoteKind.PROCESS, "Silence, then the dream.")
        theme = next(iter(b.services.themes.ids_by_key().values()))
        b.services.marks.add(session.id, MarkInput(theme_id=theme, intensity=3))
        settle([a, b])
        assert a.services.notes.load(session.id).process_note == "Silence, then the dream."
        assert len(a.services.marks.list_for_session(session.id)) == 1
        assert shared_bytes(a) == shared_bytes(b)
        a.services.sessions.delete(session.id)
        settle([a, b])
        assert b.services.sessions.list_for_client(client.id) == []
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()
