"""Before anything can write or checkpoint: has the vault lost changes it had committed?

SQLite recovers a write-ahead log up to its first frame whose checksum fails and ignores
the rest without a word, and the next checkpoint would copy that shorter history into the
database for good. So unlocking first opens the database **read-only** (a read-only
connection recovers the log into the wal-index but can never checkpoint, on close or
otherwise), reads its commit counter and compares it with the seal
(:mod:`db.vault.seal`) and with what this device last saw (:mod:`db.vault.device_record`):

* counter below the seal's → :class:`ChangesMissing`; the database, log and seal are
  copied into ``recovery-<UTC time>/`` in the vault folder and left untouched in place;
* no seal where the schema has a counter (the seal was made with it), or a seal that
  fails its HMAC → :class:`SealDamaged`, files kept the same way;
* counter below this device's record → :class:`VaultOlderThanSeen`, unless the
  clinician accepted it (a copy restored on purpose).

Only then may the caller open the database for writing.
"""

from __future__ import annotations

import filecmp
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.atomic import fsync_dir
from db.errors import ChangesMissing, SealDamaged, VaultOlderThanSeen
from db.vault import device_record, engine
from db.vault.device_record import DeviceRecord
from db.vault.engine import apply_key, sqlcipher_module
from db.vault.seal import Seal, derive_key, read_seal, seal_key, seal_path

log = logging.getLogger(__name__)

RECOVERY_PREFIX = "recovery-"


@dataclass(frozen=True)
class Recovered:
    """What SQLite recovered: the commit counter (``None`` before the schema had one) and
    when the last backup was made (ISO 8601, or empty)."""

    counter: int | None
    last_backup_at: str


def _read_only(db_path: Path, key: bytearray) -> Any:
    conn = sqlcipher_module().connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True,
                                      isolation_level=None, check_same_thread=False)
    apply_key(conn, key)
    for pragma in engine.READ_ONLY_PRAGMAS:
        conn.execute(pragma).fetchall()
    return conn


def read_recovered(db_path: Path, key: bytearray) -> Recovered:
    """Read the counter over a read-only connection (it recovers the log, never
    checkpoints). Raises the driver's DatabaseError for a wrong key or a damaged file."""
    conn = _read_only(db_path, key)
    try:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        counter = None
        if "commit_counter" in tables:
            row = conn.execute("SELECT counter FROM commit_counter WHERE id = 1").fetchone()
            counter = int(row[0]) if row else 0
        backup = ""
        if "vault_setting" in tables:
            row = conn.execute(
                "SELECT value FROM vault_setting WHERE key = 'last_backup_at'").fetchone()
            backup = row[0].strip('"') if row and isinstance(row[0], str) else ""
        return Recovered(counter, backup)
    finally:
        conn.close()


def backup_date(last_backup_at: str) -> str:
    """``"30 November 2026"`` (local time), or ``""`` when unknown or unreadable."""
    try:
        when = datetime.fromisoformat(last_backup_at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone()
    return f"{local.day} {local:%B %Y}"


def log_has_frames(db_path: Path) -> bool:
    """Whether a write-ahead log with content is there (after a crash; a clean close
    checkpoints and removes it)."""
    try:
        return (db_path.with_name(db_path.name + "-wal")).stat().st_size > 0
    except FileNotFoundError:
        return False


def keep_for_recovery(db_path: Path) -> Path | None:
    """Copy the database, its log and its seal into ``recovery-<UTC time>/`` beside them
    (mode 0600, folder 0700); the originals stay. A copy identical to one already kept is
    not made twice. Returns the folder (``None`` if copying failed: it is logged)."""
    folder = db_path.parent
    names = [p.name for p in (db_path, db_path.with_name(db_path.name + "-wal"),
                              seal_path(db_path)) if p.exists()]
    for earlier in sorted(folder.glob(f"{RECOVERY_PREFIX}*")):
        if all((earlier / n).exists() and filecmp.cmp(folder / n, earlier / n, shallow=False)
               for n in names):
            return earlier
    target = folder / f"{RECOVERY_PREFIX}{datetime.now(UTC):%Y%m%d-%H%M%S}"
    try:
        target.mkdir(mode=0o700, exist_ok=True)
        for name in names:
            fd = os.open(target / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out, (folder / name).open("rb") as source:
                shutil.copyfileobj(source, out)
                out.flush()
                os.fsync(out.fileno())
        fsync_dir(target)
        fsync_dir(folder)
    except OSError as error:
        log.error("recovery copy failed: %s", type(error).__name__)
        return None
    log.warning("vault files kept for recovery in %s", target.name)
    return target


class Continuity:
    """The seal and the device record of an unlocked vault."""

    def __init__(self, seal: Seal, record: DeviceRecord) -> None:
        self.seal = seal
        self.record = record

    def remember(self) -> None:
        """Tell this device's record how far the vault has come."""
        self.record.remember(self.seal.counter)

    def close(self, *, remember: bool = True) -> None:
        if remember:
            self.remember()
        self.seal.close()
        self.record.close()


def check(db_path: Path, data_key: bytearray, vault_id: str, seen_dir: Path | None = None,
          *, creating: bool = False, accept_older: bool = False) -> Continuity:
    """Open the vault's seal after checking that nothing committed is missing.

    Raises :class:`ChangesMissing`, :class:`SealDamaged`, :class:`VaultOlderThanSeen`, or
    the driver's DatabaseError (wrong key, damaged file), having changed nothing but the
    recovery copy. ``creating``: a new, empty vault gets a new seal.
    """
    key = seal_key(data_key)
    record = DeviceRecord(seen_dir or device_record.default_seen_dir(), vault_id,
                          derive_key(data_key, device_record.INFO))
    path = seal_path(db_path)
    seal: Seal | None = None
    try:
        if creating:
            return Continuity(Seal.create(path, key, vault_id, 0), record)
        log_written = log_has_frames(db_path)  # before SQLite has opened it
        recovered = read_recovered(db_path, data_key)
        counter = recovered.counter or 0
        try:
            state = read_seal(path, key, vault_id)
        except SealDamaged:
            keep_for_recovery(db_path)
            raise
        if state is None:
            if recovered.counter is not None:  # the schema and the seal came together
                keep_for_recovery(db_path)
                raise SealDamaged(detail="seal missing")
            seal = Seal.create(path, key, vault_id, 0)  # a vault from before the seal
            log.info("seal created: protection of the log starts now")
        elif counter < state.counter:
            keep_for_recovery(db_path)
            raise ChangesMissing(state.counter - counter, log_damaged=log_written,
                                 backup_made=backup_date(recovered.last_backup_at),
                                 detail=f"counter {counter} < sealed {state.counter}")
        else:
            seal = Seal(path, key, vault_id, state)
        seen = record.last_seen()
        if seen is not None and counter < seen and not accept_older:
            raise VaultOlderThanSeen(seen - counter, detail=f"counter {counter} < seen {seen}")
        seal.record(counter)  # a seal one commit behind (a crash between the two) catches up
        return Continuity(seal, record)
    except BaseException:
        if seal is not None:
            seal.close()
        key[:] = bytes(len(key))
        record.close()
        raise
