"""An import builds the full-text index in one pass: the same index the triggers build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db.crypto.kdf import Argon2Params
from db.interchange import dumps, export_document, import_document, read_bytes, table_rows
from db.interchange.records import RECORDS
from db.search import bulk
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE, make_vault
from tests.db.search.index_check import assert_index_matches_sources
from tests.interchange.fill import fill

_DOCS = "SELECT id, kind, source_id, session_id, client_id, date FROM search_doc ORDER BY id"
_FTS = "SELECT rowid, heading, body FROM search_fts ORDER BY rowid"
_TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"


def _index(vault: Vault) -> tuple[list[Any], list[Any], list[Any]]:
    with vault.database.read() as session:
        return tuple(list(session.execute(text(sql))) for sql in  # type: ignore[return-value]
                     (_DOCS, _FTS, _TRIGGERS))


def _empty(folder: Path) -> Vault:
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum())
    return vault


@pytest.fixture
def exported(vault: Vault) -> bytes:
    fill(vault)
    return dumps(export_document(vault.database))


def test_one_pass_gives_the_index_the_triggers_give(exported: bytes, tmp_path: Path) -> None:
    document = read_bytes(exported)
    by_triggers, in_one_pass = _empty(tmp_path / "a"), _empty(tmp_path / "b")
    try:
        with by_triggers.database.write() as session:  # row by row, through the triggers
            session.execute(text("PRAGMA defer_foreign_keys = ON"))
            for record in RECORDS:
                rows = document.rows[record.name]
                if record.name == "vault_settings":
                    rows = [{**r, "value": json.dumps(r["value"])} for r in rows]
                list(table_rows.slices(session.connection(), record, rows))
        import_document(in_one_pass.database, document)
        assert _index(in_one_pass) == _index(by_triggers)
        assert_index_matches_sources(in_one_pass)
    finally:
        by_triggers.close()
        in_one_pass.close()


def test_an_import_beside_existing_records_indexes_only_the_new(exported: bytes,
                                                                 tmp_path: Path) -> None:
    other, _ = make_vault(tmp_path / "other")  # its own shipped taxonomy and audit log
    try:
        from db.services.dto import ClientInput
        from db.services.hub import Services
        Services.for_vault(other).clients.create(ClientInput(code="OWN-1", display_name="Own"))
        triggers = _index(other)[2]
        import_document(other.database, read_bytes(exported))
        assert_index_matches_sources(other)
        assert _index(other)[2] == triggers
        hits = Services.for_vault(other).search.search("silent").hits
        assert {hit.client_code for hit in hits} == {"ÉL-07"}
    finally:
        other.close()


def test_a_failed_import_keeps_the_triggers(exported: bytes, tmp_path: Path) -> None:
    target = _empty(tmp_path / "t")
    try:
        before = _index(target)

        class Boom(Exception):
            pass

        with pytest.raises(Boom), target.database.write() as session, \
                bulk.deferred(session):
            raise Boom
        assert _index(target) == before
    finally:
        target.close()
