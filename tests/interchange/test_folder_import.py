"""Importing a folder of notes: the preview says exactly what the import creates."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.errors import ThreadlineError
from db.interchange import folder_import, folder_scan
from db.interchange.folder_scan import scan
from db.models import AuditEvent, Client, NoteRevision, TherapySession
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from tests.db.search.index_check import caught_up
from tests.interchange.notes_folders import (
    EXPECTED_HOSTILE_EXTRA,
    EXPECTED_HOSTILE_SKIPS,
    EXPECTED_SESSIONS,
    EXPECTED_TIDY_SKIPS,
    hostile_folder,
    tidy_folder,
)


@pytest.fixture
def robin(services: Services) -> Services:
    """A vault that already has RB-07 with two sessions."""
    client = services.clients.create(ClientInput("RB-07")).value
    services.sessions.create(client.id, SessionInput(date(2024, 1, 8)))
    services.sessions.create(client.id, SessionInput(date(2024, 1, 15)))
    return services


def counts(vault: Vault) -> tuple[int, int, int]:
    with vault.database.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (Client, TherapySession, NoteRevision))


def test_preview_of_a_tidy_folder(vault: Vault, robin: Services, tmp_path: Path) -> None:
    before = counts(vault)
    plan = folder_import.preview(tidy_folder(tmp_path), vault.database)
    assert [(s.client_code, s.date, s.source) for s in plan.sessions] == list(EXPECTED_SESSIONS)
    assert {(k.source, k.reason) for k in plan.skipped} == set(EXPECTED_TIDY_SKIPS)
    assert [(c.folder, c.code, c.new, c.sessions) for c in plan.clients] == [
        ("Mira S", "Mira S", True, 3), ("rb-07", "RB-07", False, 2)]
    assert plan.summary() == "5 sessions for 2 clients (1 new); 2 files skipped."
    intake = plan.sessions[0]
    assert intake.text == "Intake: referred by her GP.\n"  # the date line is not note text
    assert intake.words == 5
    assert "café" in plan.sessions[2].text  # Windows-1252
    assert plan.sessions[3].text == "Spoke of the dream again.\n"  # UTF-16 with a BOM
    assert counts(vault) == before  # a preview changes nothing


def test_apply_creates_exactly_the_preview(vault: Vault, robin: Services,
                                           tmp_path: Path) -> None:
    plan = folder_import.preview(tidy_folder(tmp_path), vault.database)
    clients, sessions, revisions = counts(vault)
    changed = folder_import.apply(plan, vault.database)
    assert counts(vault) == (clients + 1, sessions + 5, revisions + 5)
    listed = {c.code: c for c in robin.clients.list_clients()}
    assert set(listed) == {"Mira S", "RB-07"}
    assert changed.clients == {listed["Mira S"].id, listed["RB-07"].id}
    assert len(changed.sessions) == 5
    mira = robin.sessions.list_for_client(listed["Mira S"].id)
    assert sorted((s.number, s.date) for s in mira) == [
        (1, date(2023, 10, 9)), (2, date(2023, 11, 2)), (3, date(2023, 11, 2))]
    rb = robin.sessions.list_for_client(listed["RB-07"].id)
    assert sorted((s.number, s.date) for s in rb)[-2:] == [  # after the two it had
        (3, date(2024, 2, 5)), (4, date(2024, 2, 12))]
    note = robin.notes.load(next(s.id for s in mira if s.number == 1))
    assert note.process_note == "Intake: referred by her GP.\n"
    with vault.database.read() as session:
        reasons = set(session.scalars(select(NoteRevision.reason)))
        actions = list(session.scalars(select(AuditEvent.action)))
    assert reasons == {"imported"}
    assert actions[-1] == "folder_import"


def test_imported_notes_are_searchable(vault: Vault, services: Services,
                                       tmp_path: Path) -> None:
    folder_import.apply(folder_import.preview(tidy_folder(tmp_path), vault.database),
                        vault.database)
    assert len(caught_up(services).search.search("Bruder").hits) == 1


def test_hostile_folder_gives_clean_skips(vault: Vault, tmp_path: Path) -> None:
    plan = folder_import.preview(hostile_folder(tmp_path), vault.database)
    assert [(s.client_code, s.date, s.source) for s in plan.sessions] == [
        *EXPECTED_SESSIONS[:3], *EXPECTED_HOSTILE_EXTRA,
        *(("rb-07", when, source) for _, when, source in EXPECTED_SESSIONS[3:])]
    assert {(k.source, k.reason) for k in plan.skipped} == {
        *EXPECTED_TIDY_SKIPS, *EXPECTED_HOSTILE_SKIPS}
    odd = next(s for s in plan.sessions if s.date == date(2023, 12, 7))
    assert odd.text == "Café \ufffd\ufffd at noon.\n"
    folder_import.apply(plan, vault.database)
    assert counts(vault)[1] == len(plan.sessions)


def test_a_flat_folder_is_one_client(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "KT-12"
    folder.mkdir()
    (folder / "2024-03-05.md").write_text("One.\n")
    (folder / "2024-03-12.md").write_text("Two.\n")
    plan = folder_import.preview(folder, vault.database)
    assert [(c.code, c.new, c.sessions) for c in plan.clients] == [("KT-12", True, 2)]
    assert [s.source for s in plan.sessions] == ["2024-03-05.md", "2024-03-12.md"]


@pytest.mark.parametrize(("name", "first_line", "expected"), [
    ("2024-03-05.md", "x", (date(2024, 3, 5), 1)),
    ("2024-03-05-3.md", "x", (date(2024, 3, 5), 3)),
    ("2024-03-05_2 Robin.txt", "x", (date(2024, 3, 5), 2)),
    ("Robin 2024-3-5.txt", "x", (date(2024, 3, 5), 1)),
    ("5.3.2024.txt", "x", (date(2024, 3, 5), 1)),
    ("notes.txt", "## 2024-03-05 Monday", (date(2024, 3, 5), 1)),
    ("notes.txt", "05.03.2024", (date(2024, 3, 5), 1)),
    ("notes.txt", "31.02.2024", None),
    ("notes.txt", "1850-01-01", None),
    ("0001-01-01.md", "x", None),
])
def test_dates(tmp_path: Path, name: str, first_line: str,
               expected: tuple[date, int] | None) -> None:
    folder = tmp_path / "AB"
    folder.mkdir()
    (folder / name).write_text(f"{first_line}\nThe note.\n")
    found = scan(folder)
    if expected is None:
        assert not found.sessions
        assert len(found.skipped) == 1
    else:
        assert [(s.date, s.order) for s in found.sessions] == [expected]


def test_not_a_folder(vault: Vault, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ThreadlineError, match="not a folder"):
        folder_import.preview(tmp_path / "file.txt", vault.database)
    with pytest.raises(ThreadlineError, match="not a folder"):
        folder_import.preview(tmp_path / "missing", vault.database)


def test_far_too_many_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_scan, "MAX_ENTRIES", 5)
    for n in range(6):
        (tmp_path / f"{n}.txt").write_text("x")
    with pytest.raises(ThreadlineError, match="far too many files"):
        scan(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_files_and_folders_are_skipped(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "AB").mkdir(parents=True)
    (notes / "CD").mkdir()
    (notes / "AB" / "2024-01-01.md").write_text("x")
    (notes / "AB" / "2024-01-01.md").chmod(0)
    (notes / "CD").chmod(0)
    try:
        found = scan(notes)
    finally:
        (notes / "CD").chmod(0o700)
    assert {(k.source, k.reason) for k in found.skipped} == {
        ("AB/2024-01-01.md", "could not be read"), ("CD", "could not be read")}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.binary(max_size=300)),
                max_size=8))
def test_any_file_names_and_bytes_give_a_plan(tmp_path_factory: pytest.TempPathFactory,
                                              files: list[tuple[str, bytes]]) -> None:
    folder = tmp_path_factory.mktemp("fuzz") / "XY"
    folder.mkdir()
    for name, data in files:
        safe = "".join(c for c in name if c not in "/\x00") or "n"
        try:
            (folder / (safe[:60] + ".txt")).write_bytes(data)
        except (OSError, UnicodeEncodeError):
            continue
    found = scan(folder)
    visible = [p for p in folder.iterdir() if not p.name.startswith(".")]
    assert len(found.sessions) + len(found.skipped) == len(visible)
    for s in found.sessions:
        s.text.encode("utf-8")
        s.source.encode("utf-8")
