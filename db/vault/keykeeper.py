"""Keeping ``vault.key`` true to the vault while it is open.

At every unlock the whole key file is authenticated (its MAC, under a key derived from
the data key); a file that fails while the slot that opened it worked has damage
elsewhere — in the recovery slot, most likely — so the recovery key is retired and the
clinician told once per unlock until a new one is made. At every audit event the chain's
length and head are written into the key file, so that an older copy of the database is
refused at the next unlock (:func:`check_not_older`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from sqlalchemy import text

from db.crypto.keyfile import AuditMark, KeyFile
from db.errors import DatabaseOlderThanKeyFile, RecoveryKeyUnusable
from db.vault.database import Database

log = logging.getLogger(__name__)

Via = Literal["passphrase", "recovery"]
#: Seconds between an audit event and the key-file write that marks it.
MARK_DELAY = 0.2


def trusted(keyfile: KeyFile, data_key: bytearray, via: Via) -> tuple[KeyFile, bool]:
    """What of ``keyfile`` can be relied on once ``via`` gave ``data_key``.

    Returns the key file to keep and whether it must be written (upgraded from version
    1, or repaired). A MAC that fails means some field other than the slot that opened
    it changed: the recovery slot is dropped (after a passphrase unlock) and the audit
    mark, which cannot be trusted either, is forgotten.
    """
    if keyfile.mac_matches(data_key):
        return keyfile, keyfile.version < 2
    log.warning("key file failed authentication after a %s unlock", via)
    kept = keyfile.with_audit(None)
    return (kept.without_recovery() if via == "passphrase" else kept), True


def check_not_older(database: Database, mark: AuditMark | None) -> None:
    """Raise :class:`DatabaseOlderThanKeyFile` unless the database's audit chain holds
    the key file's head at its position (a longer chain is fine: the key file may lag
    behind by the write a crash interrupted, never ahead)."""
    if mark is None or mark.seq == 0:
        return
    with database.read() as session:
        row = session.execute(text("SELECT hash FROM audit_event WHERE seq = :seq"),
                              {"seq": mark.seq}).first()
    if row is None or row[0] != mark.head:
        raise DatabaseOlderThanKeyFile(detail=f"key file at {mark.seq}, chain "
                                              f"{'shorter' if row is None else 'differs'}")


class KeyKeeper:
    """Owns the in-memory key file of an open vault and writes it back atomically."""

    def __init__(self, path: Path, keyfile: KeyFile,
                 data_key: Callable[[], bytearray | None]) -> None:
        self.path = path
        self.keyfile = keyfile
        self._data_key = data_key
        #: Held while the key file is written, so locking cannot zero the key mid-write.
        self.lock = threading.RLock()
        self.mark_delay = MARK_DELAY
        self._pending: AuditMark | None = None
        self._timer: threading.Timer | None = None

    @property
    def recovery_notice(self) -> RecoveryKeyUnusable | None:
        """The sentence to show after unlocking while the vault has no working recovery
        key; None when it has one."""
        return RecoveryKeyUnusable() if self.keyfile.recovery is None else None

    def replace(self, keyfile: KeyFile, data_key: bytearray | None = None) -> None:
        """Write ``keyfile`` (sealed under ``data_key`` or the open vault's key)."""
        with self.lock:
            key = data_key if data_key is not None else self._data_key()
            if key is None:
                raise RuntimeError("the key file is written only while a key is at hand")
            self.keyfile = keyfile.save(self.path, key)

    def audit_written(self, seq: int, head: str) -> None:
        """Listener for :class:`Database`: an audit event was committed.

        The mark is written :data:`MARK_DELAY` seconds later, once for every event that
        came meanwhile, so that finalizing a note does not wait for two fsyncs (it would
        double its cost, tests/bench/bench_keys.py; locking writes it at once). A crash in
        between leaves the key file one mark behind, which the check allows.
        """
        with self.lock:
            mark = self._pending or self.keyfile.audit
            if mark is not None and seq <= mark.seq:
                return
            self._pending = AuditMark(seq, head)
            if self._timer is None:
                self._timer = threading.Timer(self.mark_delay, self.flush)
                self._timer.daemon = True
                self._timer.start()

    def flush(self) -> None:
        """Write the latest audit mark now (before the key is dropped, and by the timer)."""
        with self.lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            pending, self._pending = self._pending, None
            if pending is None or self._data_key() is None:
                return
            try:
                self.replace(self.keyfile.with_audit(pending))
            except OSError as error:
                # The event is committed; a key file that lags behind is only weaker.
                log.warning("audit mark not written: %s", type(error).__name__)
