"""The archive of a backup made a member at a time and streamed into the encryptor.

A backup of the large demo caseload is over half a gigabyte of plaintext; building it as
one ``bytes`` (then the encrypted copy beside it) held it two or three times over. Here
the interchange export is written list by list (:func:`write_rows`) into one buffer, the
Markdown notes are rendered a client at a time, and the tar is produced piece by piece
from them while ``age`` encrypts it. Both are read in one snapshot of the vault. The tar
is the one :func:`archive.build` makes, byte for byte (a test compares them).
"""

from __future__ import annotations

import hashlib
import io
import tarfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.backup import archive
from db.interchange.markdown import render_notes
from db.interchange.v1.writer import document_header, rows_of, write_rows
from db.models import Addendum, Mark, RelationalEpisode, TherapySession
from db.vault.database import Database

_BY_SESSION = {"addenda": Addendum, "marks": Mark, "relational_episodes": RelationalEpisode}


@dataclass
class Members:
    """The members of a backup's archive (besides its manifest and signature), in order."""

    items: list[tuple[str, bytes | bytearray]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)


def _notes(session: Session) -> Iterator[tuple[str, bytes]]:
    """``notes/…`` members, as :func:`render_notes` of the whole document gives them."""
    whole = {name: rows_of(session, name) for name in ("clients", "themes", "vault_settings")}
    for client in sorted(uuid.UUID(row["id"]) for row in whole["clients"]):
        sessions = rows_of(session, "sessions", TherapySession.client_id == client)
        if not sessions:
            continue
        ids = select(TherapySession.id).where(TherapySession.client_id == client)
        part = {**whole, "sessions": sessions}
        for name, model in _BY_SESSION.items():
            part[name] = rows_of(session, name, model.session_id.in_(ids))  # type: ignore[attr-defined]
        for path, text in render_notes(part):
            yield f"notes/{path}", text.encode("utf-8")


def collect(database: Database, now: datetime) -> Members:
    """The export and the notes of one snapshot of the vault."""
    members = Members()
    export = bytearray()
    with database.read() as session:
        members.counts = write_rows(session, export.extend, now=now)
        members.items.append((archive.EXPORT, export))
        members.items.extend(_notes(session))
    header = document_header(now)
    members.header = {key: header[key] for key in ("app_version", "schema_version",
                                                   "exported_at")}
    return members


def tar_pieces(members: Members, sign: Callable[[bytes], bytes] | None) -> Iterator[bytes]:
    """The bytes of :func:`archive.build` over ``members``, a piece at a time."""
    listing = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
               for name, data in members.items}
    header = members.header
    manifest = archive.Manifest(archive.FORMAT_VERSION, header["app_version"],
                                header["schema_version"], header["exported_at"],
                                members.counts, listing).to_json()
    tail = [(archive.SIGNATURE, sign(manifest))] if sign else []
    offset = 0
    for name, data in [(archive.MANIFEST, manifest), *members.items, *tail]:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), 0o600, 0
        head = info.tobuf(tarfile.PAX_FORMAT, tarfile.ENCODING, "surrogateescape")
        view = memoryview(data)
        pad = -len(data) % tarfile.BLOCKSIZE
        yield head
        for start in range(0, len(view), 1 << 20):
            yield bytes(view[start:start + (1 << 20)])
        yield tarfile.NUL * pad
        offset += len(head) + len(data) + pad
    end = tarfile.NUL * (2 * tarfile.BLOCKSIZE)
    offset += len(end)
    yield end + tarfile.NUL * (-offset % tarfile.RECORDSIZE)


class PieceReader(io.RawIOBase):
    """A binary file whose content is the pieces of an iterator (read once, in order)."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._left = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._left:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._left = memoryview(piece)
        count = min(len(buffer), len(self._left))
        buffer[:count] = self._left[:count]
        self._left = self._left[count:]
        return count
