"""The archive inside a backup: an uncompressed tar, read as a stream (``tarfile`` "r|").

Members: ``manifest.json`` first, then ``vault.json`` (the interchange export),
``notes/<client>/<date>-<n>.md``, and last ``signature.json`` (the vault's signature
over the manifest's bytes, :mod:`db.backup.signing`; absent in backups of Threadline
0.1; the manifest does not list it, since it signs the manifest). The manifest lists
the SHA-256 and size of every other member; a reader accepts nothing it does not list
and nothing it lists is allowed to be missing. Reading refuses links, devices, absolute
or ``..`` paths and oversized members, since a restored archive is untrusted input.

A backup is written a piece at a time (:mod:`db.backup.stream`; :func:`build` makes the
same bytes whole, for tests) and read a member at a time as it is decrypted
(:func:`read_stream`), each member hashed as it streams by.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO

from db.backup.errors import BackupDamaged, BackupError, BackupTooNew

FORMAT_NAME = "threadline-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
EXPORT = "vault.json"
SIGNATURE = "signature.json"
_NOTE = re.compile(r"notes/[^/\x00]{1,120}/[^/\x00]{1,200}\.md")
MAX_MEMBERS = 2_000_000
MAX_SIGNATURE_BYTES = 4096
NOT_A_THREADLINE_ARCHIVE = "This file is age-encrypted, but it is not a Threadline backup."
#: Bytes of a member read at a time.
PIECE = 1 << 20


@dataclass(frozen=True)
class Manifest:
    format_version: int
    app_version: str
    schema_version: str
    created_at: str
    counts: dict[str, int]
    members: dict[str, dict[str, Any]]
    #: The manifest exactly as stored (what the signature covers), and the signature.
    raw: bytes = field(default=b"", repr=False, compare=False)
    signature: bytes | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT_NAME, "format_version": self.format_version,
            "app_version": self.app_version, "schema_version": self.schema_version,
            "created_at": self.created_at, "counts": self.counts, "members": self.members,
        }
        return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(members: list[tuple[str, bytes]], *, app_version: str, schema_version: str,
          created_at: str, counts: dict[str, int],
          sign: Callable[[bytes], bytes] | None = None) -> bytes:
    """A tar (bytes) holding a manifest over ``members``; names are POSIX paths.

    ``sign`` turns the manifest's bytes into the ``signature.json`` member.
    """
    listing = {name: {"sha256": digest(data), "size": len(data)} for name, data in members}
    manifest = Manifest(FORMAT_VERSION, app_version, schema_version, created_at, counts,
                        listing).to_json()
    tail = [(SIGNATURE, sign(manifest))] if sign else []
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in [(MANIFEST, manifest), *members, *tail]:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, 0
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _manifest(data: bytes) -> Manifest:
    try:
        body = json.loads(data.decode("utf-8"))
    except ValueError as error:
        raise BackupDamaged("The backup's manifest is not readable.") from error
    if not isinstance(body, dict) or body.get("format") != FORMAT_NAME:
        raise BackupError(NOT_A_THREADLINE_ARCHIVE)
    version = body.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BackupDamaged("The backup's manifest does not give its format version.")
    if version != FORMAT_VERSION:
        raise BackupTooNew(f"This backup uses format version {version}, which this version of "
                           "Threadline cannot read; update Threadline.")
    members = body.get("members")
    counts = body.get("counts")
    texts = [body.get(k) for k in ("app_version", "schema_version", "created_at")]
    if (not isinstance(members, dict) or not isinstance(counts, dict)
            or not all(isinstance(t, str) for t in texts)
            or not all(isinstance(m, dict) and isinstance(m.get("sha256"), str)
                       and isinstance(m.get("size"), int) for m in members.values())):
        raise BackupDamaged("The backup's manifest is incomplete.")
    return Manifest(version, str(texts[0]), str(texts[1]), str(texts[2]), counts, members,
                    raw=data)


def _allowed(name: str) -> bool:
    if name in (EXPORT,):
        return True
    return bool(_NOTE.fullmatch(name)) and ".." not in name.split("/")


def read(data: bytes, keep: frozenset[str] = frozenset({EXPORT}),
         ) -> tuple[Manifest, dict[str, bytes]]:
    """Check an archive given whole; return its manifest and the members named in ``keep``.

    Raises what :func:`read_stream` raises.
    """
    files: dict[str, bytes] = {}

    def kept(name: str, pieces: Iterator[bytes]) -> None:
        if name in keep:
            files[name] = b"".join(pieces)

    return read_stream(io.BytesIO(data), kept), files


def _ignore(name: str, pieces: Iterator[bytes]) -> None:
    """Reads nothing: :func:`read_stream` hashes what a reader leaves."""


def read_stream(source: BinaryIO, member: Callable[[str, Iterator[bytes]], None] = _ignore,
                ) -> Manifest:
    """Check the archive read from ``source`` (in order, once); return its manifest.

    Every member the manifest may list is handed to ``member`` (its name, and an iterator
    of its bytes in pieces) as it comes by; whatever ``member`` leaves unread is read here,
    and every byte is hashed on its way, so no member need be held whole (the Markdown
    notes, half of a backup, are renderings a restore does not need). Whether every
    member matches the manifest is known only at the end of the archive, so ``member``
    must keep its verdict until this returns. Raises :class:`BackupError` subclasses with
    one sentence each, and lets through the errors of reading ``source`` (but an
    ``OSError`` is damage, as it was when the archive was read from memory).
    """
    try:
        tar = tarfile.open(fileobj=source, mode="r|")  # noqa: SIM115 (closed below)
    except (tarfile.TarError, EOFError, ValueError) as error:
        raise BackupError(NOT_A_THREADLINE_ARCHIVE) from error
    found: dict[str, tuple[str, int]] = {}  # name -> (sha256, size) of every member
    manifest: Manifest | None = None
    signature: bytes | None = None
    try:
        with tar:
            for count, info in enumerate(tar):
                if count == 0 and info.name != MANIFEST:
                    raise BackupError(NOT_A_THREADLINE_ARCHIVE)
                if count > MAX_MEMBERS or not info.isreg():
                    raise BackupDamaged("The backup holds entries Threadline never writes.")
                handle = tar.extractfile(info)
                if handle is None:
                    raise BackupDamaged
                if count and info.name == SIGNATURE:
                    if info.size > MAX_SIGNATURE_BYTES or signature is not None:
                        raise BackupDamaged
                    signature = _whole(handle, info)
                    continue
                if count and not _allowed(info.name):
                    raise BackupDamaged("The backup holds files Threadline never writes.")
                if info.name in found or (count and info.name == MANIFEST):
                    raise BackupDamaged("The backup holds the same file twice.")
                if count == 0:
                    manifest = _manifest(_whole(handle, info))
                    continue
                hashed = _Hashed(handle)
                member(info.name, iter(hashed))
                found[info.name] = hashed.finish(info.size)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupDamaged from error
    if manifest is None:
        raise BackupError(NOT_A_THREADLINE_ARCHIVE)
    _check(manifest, found)
    return dataclasses.replace(manifest, signature=signature)


def _whole(handle: IO[bytes], info: tarfile.TarInfo) -> bytes:
    content = handle.read()
    if len(content) != info.size:
        raise BackupDamaged
    return content


class _Hashed:
    """A member's bytes in pieces, hashed and counted as they are read."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._sha256 = hashlib.sha256()
        self._size = 0

    def __iter__(self) -> Iterator[bytes]:
        while piece := self._handle.read(PIECE):
            self._sha256.update(piece)
            self._size += len(piece)
            yield piece

    def finish(self, size: int) -> tuple[str, int]:
        """Its SHA-256 and size, once the rest of it is read; it must be ``size`` long."""
        for _ in self:
            pass
        if self._size != size:
            raise BackupDamaged
        return self._sha256.hexdigest(), self._size


def _check(manifest: Manifest, files: dict[str, tuple[str, int]]) -> None:
    if EXPORT not in manifest.members:
        raise BackupDamaged("The backup's manifest does not list the vault export.")
    missing = set(manifest.members) - set(files)
    if missing:
        raise BackupDamaged(f"{len(missing)} file(s) listed in the backup's manifest are "
                            "missing from it.")
    extra = set(files) - set(manifest.members)
    if extra:
        raise BackupDamaged(f"The backup holds {len(extra)} file(s) its manifest does not list.")
    bad = sum(1 for name, (sha256, size) in files.items()
              if sha256 != manifest.members[name]["sha256"]
              or size != manifest.members[name]["size"])
    if bad:
        raise BackupDamaged(f"{bad} file(s) in the backup do not match their checksum in the "
                            "manifest.")
