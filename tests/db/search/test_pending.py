"""Notes changed by autosave wait in ``search_pending``; the indexer catches them up.

An autosave must not re-tokenize a long note for the index (migration 0004), yet a search
must find every saved word: the indexer (``Services.indexer``) catches up before a search
reads, and the search itself only reads. These tests hold both, and that nothing is lost
or left stale through deletion, reused ids, a killed process and a downgrade. That the
GUI's write pipeline runs the indexer when writing pauses is tested with the window
(tests/desktop/gui/test_write_pipeline.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.checkpoint import Checkpointer
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault
from tests.db.search.index_check import assert_index_matches_sources

ROOT = Path(__file__).resolve().parents[3]


def pending(vault: Vault) -> int:
    return Services.for_vault(vault).indexer.pending()


def indexed_note(vault: Vault, session_id: uuid.UUID, kind: str = "process") -> str:
    """The copy of a note the index holds (not what search shows: search catches up)."""
    with vault.database.read() as session:
        return str(session.execute(text(
            "SELECT f.body FROM search_fts AS f JOIN search_doc AS d ON d.id = f.rowid "
            "WHERE d.source_id = :sid AND d.kind = :kind"),
            {"sid": session_id.hex, "kind": kind}).scalar_one())


def found(services: Services, query: str) -> list[str]:
    """What a search finds, the index brought up first (as every front end does)."""
    services.indexer.catch_up()
    return [hit.kind for hit in services.search.search(query).hits]


@pytest.fixture
def session_id(services: Services) -> uuid.UUID:
    client = services.clients.create(ClientInput(code="PLOVER", display_name="Ida Sample"))
    return services.sessions.create(client.value.id,
                                    SessionInput(date=date(2026, 3, 2))).value.id


def test_an_autosave_leaves_the_index_to_the_next_search(
        services: Services, vault: Vault, session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "She spoke of the lighthouse.", "manual")
    services.notes.save(session_id, "process", "She spoke of the harbour.", "autosave")
    assert indexed_note(vault, session_id) == "She spoke of the lighthouse."
    assert pending(vault) == 1
    assert found(services, "harbour") == ["process"]
    assert found(services, "lighthouse") == []
    assert pending(vault) == 0
    assert indexed_note(vault, session_id) == "She spoke of the harbour."


def test_many_autosaves_make_one_pending_entry_per_note(
        services: Services, vault: Vault, session_id: uuid.UUID) -> None:
    for words in ("one", "one two", "one two three"):
        services.notes.save(session_id, "process", words)
        services.notes.save(session_id, "progress", words.upper())
    assert pending(vault) == 2
    assert services.indexer.catch_up() == 2
    assert services.indexer.catch_up() == 0
    assert_index_matches_sources(vault)


@pytest.mark.parametrize("reason", ["manual", "close"])
def test_a_deliberate_save_indexes_the_note_at_once(
        services: Services, vault: Vault, session_id: uuid.UUID, reason: str) -> None:
    services.notes.save(session_id, "process", "Late again, the bus.")
    services.notes.save(session_id, "process", "Late again, the bus.", reason)  # unchanged
    assert pending(vault) == 0
    assert indexed_note(vault, session_id) == "Late again, the bus."


def test_finalizing_indexes_the_notes(services: Services, vault: Vault,
                                      session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "progress", "Attended; the bus again.")
    services.notes.finalize(session_id)
    assert pending(vault) == 0
    assert indexed_note(vault, session_id, "progress") == "Attended; the bus again."


def test_bulk_saves_leave_nothing_pending(services: Services, vault: Vault,
                                          session_id: uuid.UUID) -> None:
    other = services.sessions.create(services.sessions.get(session_id).client_id,
                                     SessionInput(date=date(2026, 3, 9))).value.id
    services.notes.save_many([(session_id, "process", "Winter coat."),
                              (other, "process", "Summer coat.")])
    assert pending(vault) == 0
    assert_index_matches_sources(vault)


def test_a_deleted_session_with_a_pending_note_is_forgotten(
        services: Services, vault: Vault, session_id: uuid.UUID) -> None:
    services.notes.save(session_id, "process", "Something about the garden.")
    services.sessions.delete(session_id)
    assert found(services, "garden") == []
    assert pending(vault) == 0
    assert_index_matches_sources(vault)


def test_a_pending_id_now_used_by_another_text_leaves_that_text_alone(
        services: Services, vault: Vault) -> None:
    """SQLite may give a deleted doc's id to a new text; catching up must not blank it."""
    with vault.database.write() as session:
        session.execute(text("INSERT INTO search_pending SELECT id FROM search_doc "
                             "WHERE kind = 'client'"))
    assert services.indexer.catch_up() == 0
    assert pending(vault) == 0
    assert found(services, "plover") == []  # no client yet: nothing was invented
    services.clients.create(ClientInput(code="PLOVER", display_name="Ida Sample"))
    with vault.database.write() as session:
        session.execute(text("INSERT INTO search_pending SELECT id FROM search_doc "
                             "WHERE kind = 'client'"))
    assert found(services, "plover") == ["client"]
    assert_index_matches_sources(vault)


def test_a_killed_autosaving_process_leaves_an_index_search_can_catch_up(
        vault_dir: Path) -> None:
    vault, _ = make_vault(vault_dir)
    services = Services.for_vault(vault)
    client = services.clients.create(ClientInput(code="HERON")).value
    session = services.sessions.create(client.id, SessionInput(date=date(2026, 1, 5))).value
    vault.close()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "db" / "kill_worker.py"), str(vault_dir),
         PASSPHRASE, str(session.id), "0", "autosave"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    for line in proc.stdout:  # a few autosaves acknowledged, then killed mid-way
        if line.startswith("ACK 3"):
            break
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        services = Services.for_vault(reopened)
        saved = int(services.notes.load(session.id).process_note.split()[1])
        assert saved >= 3
        assert pending(reopened) == 1
        assert found(services, f"tide{saved}") == ["process"]
        assert found(services, "tide1") == []
        assert_index_matches_sources(reopened)


def test_downgrading_catches_up_and_restores_indexing_at_once(
        services: Services, vault: Vault, session_id: uuid.UUID) -> None:
    from alembic import command

    from db.vault.migrate import alembic_config

    services.notes.save(session_id, "process", "The cat, the stairs.")
    with vault.database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
    with vault.database.read() as session:
        tables = set(session.execute(text("SELECT name FROM sqlite_master")).scalars())
    assert "search_pending" not in tables
    assert indexed_note(vault, session_id) == "The cat, the stairs."
    services.notes.save(session_id, "process", "The dog, the porch.")  # 0002's trigger
    assert indexed_note(vault, session_id) == "The dog, the porch."
    with vault.database.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    services.notes.save(session_id, "process", "The bird, the window.")
    assert pending(vault) == 1
    assert found(services, "window") == ["process"]
    assert_index_matches_sources(vault)


def test_the_storage_layer_leaves_the_index_alone(services: Services, vault: Vault,
                                                  session_id: uuid.UUID) -> None:
    """Checkpoints know nothing of search: only the indexer brings the index up."""
    database = vault.database
    database.checkpointer.stop()
    database.checkpointer = Checkpointer(database.engine, quiet_s=0.01)
    services.notes.save(session_id, "process", "Rain on the skylight.")
    deadline = time.monotonic() + 10
    while not database.checkpointer.checkpoints and time.monotonic() < deadline:
        time.sleep(0.01)
    assert database.checkpointer.checkpoints >= 1
    assert pending(vault) == 1
    assert services.indexer.catch_up() == 1
    assert indexed_note(vault, session_id) == "Rain on the skylight."


def test_a_search_only_reads(services: Services, vault: Vault,
                             session_id: uuid.UUID) -> None:
    """With writes held (the integrity check runs), a search and a catch-up with nothing
    pending answer at once: neither opens a write transaction."""
    services.notes.save(session_id, "process", "Rain on the skylight.", "manual")
    services.notes.save(session_id, "process", "Rain on the roof.")
    vault.database.hold_writes()
    try:
        assert [hit.kind for hit in services.search.search("skylight").hits] == ["process"]
        assert pending(vault) == 1  # the search did not index the autosave
    finally:
        vault.database.release_writes()
    assert services.indexer.catch_up() == 1
    vault.database.hold_writes()
    try:
        assert services.indexer.catch_up() == 0  # nothing pending: a read only
    finally:
        vault.database.release_writes()
