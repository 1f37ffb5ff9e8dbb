"""The seal: an authenticated record, beside the database, of its last committed change.

``threadline.db-seal`` holds two slots of 64 bytes. Each slot is a sequence number, the
database's commit counter (``commit_counter``, raised by every ``Database.write()``) and an
HMAC-SHA256 over both and the vault id, under a key derived from the data key with HKDF
(info ``threadline seal v1``). After every commit the next slot (sequence number modulo 2)
is written in place (``pwrite``) before the save returns, so a write torn by a crash or a
power cut leaves the other slot whole; the valid slot with the highest sequence number is
the seal. Nothing of a clinician's data is in it: only two numbers and a MAC.

The write reaches the operating system before the save returns, so it survives the
process being killed at any moment. It is flushed to the disk (``fdatasync``) when
writing pauses, just before the WAL checkpoint, and when the vault closes, not in every
save: a flush costs as much as the commit's own (docs/architecture-notes.md). A power cut
can therefore leave the seal up to that pause behind the database, never ahead of it
(the commit's log is flushed before the seal is written).

The seal may lag the database by the one commit a crash interrupted before its seal was
written, never lead it: a database whose counter is below its seal's has lost committed
transactions (a damaged write-ahead log, or an older copy of the file).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from db.atomic import write_atomic
from db.errors import SealDamaged

SEAL_SUFFIX = "-seal"
MAGIC = b"TLSEAL01"
SLOT_BYTES = 64
SLOTS = 2
_NUMBERS = struct.Struct(">QQ")  # sequence number, commit counter
_MAC_AT = len(MAGIC) + _NUMBERS.size
_MAC_BYTES = 32


def seal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SEAL_SUFFIX)


def derive_key(data_key: bytearray, info: bytes) -> bytearray:
    """A key of its own for one purpose, from the data key (HKDF-SHA256)."""
    return bytearray(HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                          info=info).derive(bytes(data_key)))


def seal_key(data_key: bytearray) -> bytearray:
    return derive_key(data_key, b"threadline seal v1")


@dataclass(frozen=True)
class SealState:
    seq: int
    counter: int


def _mac(key: bytearray, vault_id: str, numbers: bytes) -> bytes:
    return hmac.new(key, MAGIC + vault_id.encode() + numbers, hashlib.sha256).digest()


def _slot(key: bytearray, vault_id: str, state: SealState) -> bytes:
    numbers = _NUMBERS.pack(state.seq, state.counter)
    body = MAGIC + numbers + _mac(key, vault_id, numbers)
    return body.ljust(SLOT_BYTES, b"\0")


def _parse(key: bytearray, vault_id: str, raw: bytes) -> SealState | None:
    numbers = raw[len(MAGIC):_MAC_AT]
    mac = raw[_MAC_AT:_MAC_AT + _MAC_BYTES]
    if raw[:len(MAGIC)] != MAGIC or not hmac.compare_digest(mac, _mac(key, vault_id, numbers)):
        return None
    seq, counter = _NUMBERS.unpack(numbers)
    return SealState(seq, counter)


def read_seal(path: Path, key: bytearray, vault_id: str) -> SealState | None:
    """The seal's state; ``None`` when there is no seal file.

    Raises :class:`SealDamaged` when the file is there but no slot authenticates.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) != SLOT_BYTES * SLOTS:
        raise SealDamaged(detail=f"seal of {len(data)} bytes")
    states = [state for i in range(SLOTS)
              if (state := _parse(key, vault_id, data[i * SLOT_BYTES:(i + 1) * SLOT_BYTES]))]
    if not states:
        raise SealDamaged(detail="no slot authenticates")
    return max(states, key=lambda state: state.seq)


_sync = getattr(os, "fdatasync", os.fsync)  # macOS and Windows have only fsync


def _write_at(fd: int, data: bytes, offset: int) -> None:
    if hasattr(os, "pwrite"):
        written = os.pwrite(fd, data, offset)
    else:  # Windows
        os.lseek(fd, offset, os.SEEK_SET)
        written = os.write(fd, data)
    if written != len(data):
        raise OSError("short write to the seal")


class Seal:
    """The open seal of an unlocked vault; :meth:`record` after every commit. Thread-safe."""

    def __init__(self, path: Path, key: bytearray, vault_id: str, state: SealState) -> None:
        self.path = path
        self._key = key
        self._vault_id = vault_id
        self._state = state
        self._lock = threading.Lock()
        self._unflushed = False
        self._fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))

    @classmethod
    def create(cls, path: Path, key: bytearray, vault_id: str, counter: int) -> Seal:
        """A new seal file (written atomically) recording ``counter``."""
        first = SealState(0, counter)
        write_atomic(path, _slot(key, vault_id, first) + bytes(SLOT_BYTES))
        return cls(path, key, vault_id, first)

    @property
    def counter(self) -> int:
        return self._state.counter

    def record(self, counter: int) -> None:
        """Seal ``counter`` (a smaller one than already sealed changes nothing)."""
        with self._lock:
            if counter <= self._state.counter or self._fd < 0:
                return
            state = SealState(self._state.seq + 1, counter)
            slot = _slot(self._key, self._vault_id, state)
            _write_at(self._fd, slot, (state.seq % SLOTS) * SLOT_BYTES)
            self._state = state
            self._unflushed = True

    def flush(self) -> None:
        """Make the last :meth:`record` durable (when writing pauses, and on closing)."""
        with self._lock:
            if self._unflushed and self._fd >= 0:
                _sync(self._fd)
                self._unflushed = False

    def close(self) -> None:
        self.flush()
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1
            self._key[:] = bytes(len(self._key))


def reseal(db_path: Path, data_key: bytearray, vault_id: str, counter: int) -> None:
    """Write the seal of ``db_path`` anew under ``data_key`` (a re-encryption's new key),
    atomically, recording ``counter``."""
    Seal.create(seal_path(db_path), seal_key(data_key), vault_id, counter).close()


def carry_over(db_path: Path, old_key: bytearray, new_key: bytearray, vault_id: str) -> bool:
    """Finish a re-encryption cut short between its key file and its seal: a seal that
    authenticates only under the old data key is written anew under the new one, with
    the same counter. Returns True if it was; a seal under neither key is left for the
    continuity check to refuse."""
    path = seal_path(db_path)
    key = seal_key(new_key)
    try:
        with contextlib.suppress(SealDamaged):
            read_seal(path, key, vault_id)
            return False
        old = seal_key(old_key)
        try:
            state = read_seal(path, old, vault_id)
        except SealDamaged:
            return False
        finally:
            old[:] = bytes(len(old))
        if state is None:
            return False
        reseal(db_path, new_key, vault_id, state.counter)
        return True
    finally:
        key[:] = bytes(len(key))
