"""An import lifts the sync capture triggers only where they would do nothing.

In a vault that does not sync, the INSERT triggers only check ``capture`` and do
nothing; the import lifts them for its transaction (db.sync.schema.idle_inserts) and
puts them back as they were. In a vault that syncs, every imported row is queued for
the other devices exactly as if it had been typed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from db.interchange.files import export_json, import_json
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.vocabulary import NoteKind
from tests.conftest import make_vault
from tests.sync.helpers import first_device

_TRIGGERS = text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                 "AND name LIKE 'sync\\_%' ESCAPE '\\' ORDER BY name")


def _export_of_one_session(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An export holding a fictional client, one session with a note and one mark."""
    vault, _ = make_vault(tmp_path / "source")
    try:
        services = Services.for_vault(vault)
        client = services.clients.create(ClientInput(code="RB-17")).value
        session = services.sessions.create(client.id, SessionInput(date=date(2026, 5, 4))).value
        services.notes.save(session.id, NoteKind.PROCESS, "She spoke of the long drive home.")
        theme = next(iter(services.themes.ids_by_key().values()))
        mark = services.marks.add(session.id, MarkInput(theme_id=theme)).value
        out = tmp_path / "export.json"
        export_json(vault.database, out)
    finally:
        vault.close()
    return out, {"client": client.id.hex, "therapy_session": session.id.hex, "mark": mark.id.hex}


def test_an_import_into_a_vault_that_does_not_sync_leaves_its_triggers_as_they_were(
        tmp_path: Path) -> None:
    export, _ = _export_of_one_session(tmp_path)
    vault, _ = make_vault(tmp_path / "target")
    try:
        with vault.database.read() as session:
            before = session.execute(_TRIGGERS).all()
        import_json(vault.database, export)
        with vault.database.read() as session:
            after = session.execute(_TRIGGERS).all()
            queued = session.execute(text("SELECT count(*) FROM sync_outbox")).scalar()
            sessions = session.execute(text("SELECT count(*) FROM therapy_session")).scalar()
    finally:
        vault.close()
    assert len(before) > 30
    assert after == before
    assert (queued, sessions) == (0, 1)


def test_an_import_into_a_vault_that_syncs_queues_every_imported_row(tmp_path: Path) -> None:
    export, ids = _export_of_one_session(tmp_path)
    device = first_device(tmp_path / "office", tmp_path / "Sync")
    try:
        with device.vault.database.read() as session:
            before = session.execute(_TRIGGERS).all()
            already = set(session.execute(text("SELECT tbl, row_id FROM sync_outbox")).all())
        import_json(device.vault.database, export)
        with device.vault.database.read() as session:
            after = session.execute(_TRIGGERS).all()
            queued = set(session.execute(text(
                "SELECT tbl, row_id FROM sync_outbox WHERE op = 'i'")).all()) - already
    finally:
        device.close()
    assert after == before
    assert {(table, row_id) for table, row_id in ids.items()} <= queued
