"""The merge rules: no text is ever silently lost, whatever order devices meet in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from db.services.dto import ClientInput, SessionInput
from db.services.marks import MarkInput
from db.vocabulary import NoteKind
from tests.sync.helpers import Device, first_device, group_of, joined_device, settle, shared_bytes


def _pair(tmp_path: Path) -> tuple[Device, Device]:
    folder = tmp_path / "Sync"
    a = first_device(tmp_path / "a", folder)
    b = joined_device(tmp_path / "b", folder, group_of(a), "Laptop")
    return a, b


def _session(a: Device, b: Device, code: str = "AN-03") -> tuple[object, object]:
    client = a.services.clients.create(ClientInput(code=code)).value
    session = a.services.sessions.create(client.id, SessionInput(date=date(2026, 4, 1))).value
    a.services.notes.save(session.id, NoteKind.PROCESS, "Opening words.")
    settle([a, b])
    return client, session


def _flags(device: Device) -> list[tuple[str, str]]:
    with device.vault.database.read() as session:
        return [tuple(row) for row in session.execute(text(
            "SELECT kind, entity_id FROM sync_conflict WHERE resolved_at IS NULL"))]


def _texts(device: Device, session_id: object) -> set[str]:
    notes = device.services.notes
    texts = {r.text for r in notes.revisions(session_id, NoteKind.PROCESS)}  # type: ignore[arg-type]
    texts.add(notes.load(session_id).process_note)  # type: ignore[arg-type]
    texts |= {a.text for a in notes.load(session_id).addenda}  # type: ignore[arg-type]
    return texts


def test_two_offline_edits_of_a_draft_keep_both_texts_and_say_so(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        _, session = _session(a, b)
        a.services.notes.save(session.id, NoteKind.PROCESS, "Edited at the office.")
        b.services.notes.save(session.id, NoteKind.PROCESS, "Edited on the laptop.")
        settle([a, b])
        for device in (a, b):
            assert {"Edited at the office.", "Edited on the laptop."} <= _texts(device,
                                                                                 session.id)
            assert ("edited_on_two_devices", session.id.hex) in _flags(device)
        later = b.services.notes.load(session.id).process_note
        assert later == "Edited on the laptop."  # the later edit is the note
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_an_edit_of_a_note_finalized_elsewhere_becomes_an_addendum(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        _, session = _session(a, b)
        a.services.notes.finalize(session.id)
        b.services.notes.save(session.id, NoteKind.PROCESS, "A late thought on the laptop.")
        settle([a, b])
        for device in (a, b):
            note = device.services.notes.load(session.id)
            assert note.finalized_at is not None
            assert note.process_note == "Opening words."
            assert [x.text for x in note.addenda] == ["A late thought on the laptop."]
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_deleting_a_client_elsewhere_keeps_new_work_here_and_asks(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        client, _ = _session(a, b)
        a.services.clients.delete(client.id)
        new = b.services.sessions.create(client.id, SessionInput(date=date(2026, 4, 8))).value
        b.services.notes.save(new.id, NoteKind.PROCESS, "Work done while offline.")
        settle([a, b])
        for device in (a, b):
            assert device.services.notes.load(new.id).process_note == "Work done while offline."
            assert any(kind in ("kept_deleted_elsewhere", "restored_for_new_work")
                       for kind, _ in _flags(device))
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_marks_merge_and_session_numbers_do_not_clash(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        client, session = _session(a, b)
        themes = list(a.services.themes.ids_by_key().values())
        a.services.marks.add(session.id, MarkInput(theme_id=themes[0]))
        b.services.marks.add(session.id, MarkInput(theme_id=themes[1]))
        a.services.sessions.create(client.id, SessionInput(date=date(2026, 4, 8)))
        b.services.sessions.create(client.id, SessionInput(date=date(2026, 4, 9)))
        settle([a, b])
        assert len(a.services.marks.list_for_session(session.id)) == 2
        numbers = [s.number for s in a.services.sessions.list_for_client(client.id)]
        assert sorted(numbers) == [1, 2, 3]
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_same_client_code_made_on_two_devices_keeps_both(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        a.services.clients.create(ClientInput(code="JO-11"))
        b.services.clients.create(ClientInput(code="JO-11"))
        settle([a, b])
        codes = sorted(c.code for c in a.services.clients.list_clients())
        assert codes == ["JO-11", "JO-11-2"]
        assert shared_bytes(a) == shared_bytes(b)
    finally:
        a.close()
        b.close()


def test_taxonomy_edits_apply_in_one_order_everywhere(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    try:
        ids = list(a.services.themes.ids_by_key().values())
        a.services.themes.rename(ids[0], "Splitting (office)")
        b.services.themes.rename(ids[0], "Splitting (laptop)")
        b.services.themes.archive(ids[2])
        a.services.themes.merge(ids[3], ids[4])
        settle([a, b])
        assert shared_bytes(a) == shared_bytes(b)
        assert a.services.themes.theme(ids[0]).name == "Splitting (laptop)"
    finally:
        a.close()
        b.close()


def test_resolving_a_flag_on_one_device_resolves_it_everywhere(tmp_path: Path) -> None:
    from db.sync import flags

    a, b = _pair(tmp_path)
    try:
        _, session = _session(a, b)
        a.services.notes.save(session.id, NoteKind.PROCESS, "Office text.")
        b.services.notes.save(session.id, NoteKind.PROCESS, "Laptop text.")
        settle([a, b])
        found = flags.open_flags(b.vault)
        assert [(f.kind, f.client_code, f.session_number) for f in found] == [
            ("edited_on_two_devices", "AN-03", 1)]
        flags.resolve(b.vault, found[0].id)
        settle([a, b])
        assert flags.open_flags(a.vault) == []
        assert flags.open_flags(b.vault) == []
    finally:
        a.close()
        b.close()
