"""The streamed archive of a backup is the archive ``archive.build`` makes, byte for byte."""

from __future__ import annotations

from datetime import UTC, datetime

from db.backup import archive, signing, stream
from db.interchange import dumps, export_document
from db.interchange.markdown import render_notes
from db.vault.vault import Vault
from tests.interchange.fill import fill


def test_the_streamed_archive_is_the_built_one(vault: Vault) -> None:
    fill(vault)
    now = datetime(2025, 1, 2, tzinfo=UTC)
    private = signing.vault_key(vault.database)
    document = export_document(vault.database, now=now)
    members = [(archive.EXPORT, dumps(document))]
    members += [(f"notes/{path}", text.encode()) for path, text in render_notes(document)]
    built = archive.build(members, app_version=document["app_version"],
                          schema_version=document["schema_version"],
                          created_at=document["exported_at"],
                          counts={name: len(document[name]) for name in document
                                  if isinstance(document[name], list)},
                          sign=lambda manifest: signing.sign(manifest, private))
    collected = stream.collect(vault.database, now)
    assert [name for name, _ in collected.items] == [name for name, _ in members]
    pieces = stream.tar_pieces(collected, lambda manifest: signing.sign(manifest, private))
    reader = stream.PieceReader(pieces)
    streamed = b"".join(iter(lambda: reader.read(7000), b""))
    assert streamed == built
