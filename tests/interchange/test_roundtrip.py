"""Export → import into an empty vault → export gives the same document."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

from db.interchange import dumps, export_document, import_document, read_bytes
from db.interchange.files import export_json
from db.interchange.records import RECORDS
from db.interchange.v1.writer import write_document
from db.vault.vault import Vault
from tests.conftest import make_vault
from tests.interchange.fill import fill


def empty_vault(folder: Path) -> Vault:
    """A vault with nothing in it at all (no audit event, no taxonomy)."""
    from db.crypto.kdf import Argon2Params
    from tests.conftest import PASSPHRASE
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum())
    return vault


def without_stamp(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_export_import_export_is_identical(vault: Vault, tmp_path: Path) -> None:
    fill(vault)
    first = export_document(vault.database)
    assert all(first[r.name] for r in RECORDS), "the fixture holds every kind of record"
    target = empty_vault(tmp_path / "copy")
    try:
        report = import_document(target.database, read_bytes(dumps(first)))
        second = export_document(target.database)
    finally:
        target.close()
    assert report.audit_log_imported
    assert dumps(without_stamp(first)) == dumps(without_stamp(second))


def test_export_is_deterministic_and_readable(vault: Vault) -> None:
    fill(vault)
    one, two = export_document(vault.database), export_document(vault.database)
    assert dumps(without_stamp(one)) == dumps(without_stamp(two))
    text = dumps(one).decode()
    assert "Élodie" in text  # non-ASCII kept readable
    assert "夢" in text
    assert json.loads(text)["format_version"] == 1


def test_import_into_a_vault_with_its_own_history(vault: Vault, tmp_path: Path) -> None:
    fill(vault)
    data = dumps(export_document(vault.database))
    other, _ = make_vault(tmp_path / "other")
    try:
        report = import_document(other.database, read_bytes(data))
        assert not report.audit_log_imported
        assert report.added["sessions"] == 2
        from db.services.hub import Services
        events = Services.for_vault(other).audit.events()
        assert events[0].action == "import"
        assert Services.for_vault(other).audit.verify_chain() is None
    finally:
        other.close()


def test_imported_notes_are_searchable(vault: Vault, tmp_path: Path) -> None:
    """Import goes through ordinary INSERTs, so the full-text index triggers see it."""
    from db.services.hub import Services
    fill(vault)
    data = dumps(export_document(vault.database))
    target = empty_vault(tmp_path / "copy")
    try:
        import_document(target.database, read_bytes(data))
        hits = Services.for_vault(target).search.search("silent")
        assert {hit.client_code for hit in hits.hits} == {"ÉL-07"}
    finally:
        target.close()


def test_an_import_that_releases_its_rows_imports_the_same(vault: Vault, tmp_path: Path) -> None:
    """``release=True`` (the import of a file, a restore) lets each list go once written."""
    fill(vault)
    first = export_document(vault.database)
    document = read_bytes(dumps(first))
    target = empty_vault(tmp_path / "copy")
    try:
        report = import_document(target.database, document, release=True)
        second = export_document(target.database)
    finally:
        target.close()
    assert report.added["sessions"] == len(first["sessions"])
    assert report.changed.sessions == {uuid.UUID(row["id"]) for row in first["sessions"]}
    assert all(not rows for rows in document.rows.values())
    assert dumps(without_stamp(first)) == dumps(without_stamp(second))


def test_the_document_written_list_by_list_is_the_same_bytes(vault: Vault,
                                                             tmp_path: Path) -> None:
    """``export_json`` writes as it reads; the bytes are those of ``dumps``."""
    fill(vault)
    now = datetime(2025, 1, 2, tzinfo=UTC)
    out = bytearray()
    counts = write_document(vault.database, out.extend, now=now)
    document = export_document(vault.database, now=now)
    assert bytes(out) == dumps(document)
    assert counts == {r.name: len(document[r.name]) for r in RECORDS}
    export_json(vault.database, tmp_path / "export.json")
    written = json.loads((tmp_path / "export.json").read_bytes())
    assert without_stamp(written) == without_stamp(document)
