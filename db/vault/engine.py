"""SQLAlchemy engines over SQLCipher in raw-key mode.

The key is the very first thing applied to every connection; there is no code path
that opens the database file without it, and no fallback to plain SQLite. It is given
through ``sqlite3_key`` (``Connection.set_key``, what ``PRAGMA key`` calls) from a
``bytearray`` that is zeroed at once, so no immutable ``str`` holding the key in hex is
ever made (a ``PRAGMA key = "x'…'"`` string would live on until the garbage collector
reuses its memory, and could never be wiped).
"""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from db.errors import SQLCipherMissing
from db.vault import lookaside

#: What every connection sets, read-only ones (db.vault.continuity) included.
READ_ONLY_PRAGMAS = (
    # SQLCipher writes its own log lines (a failed page HMAC, …) to stderr by default;
    # the person reads one sentence from Threadline instead, the class goes to our log.
    "PRAGMA cipher_log_level = NONE",
    # SQLite's own heap (the page cache holding decrypted pages, row values, FTS5 buffers)
    # is locked against swap and wiped when freed: nothing of a note outlives its use or
    # the lock in freed memory. It is process-wide; what it costs and how the lookaside
    # (db.vault.lookaside) keeps that small: docs/architecture-notes.md, "SQLite's heap
    # stays locked and wiped".
    "PRAGMA cipher_memory_security = ON",
    "PRAGMA temp_store = MEMORY",
)
CONNECTION_PRAGMAS = (
    *READ_ONLY_PRAGMAS,
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA wal_autocheckpoint = 0",  # db.vault.checkpoint does it off the commit path
)


_LOADING = threading.Lock()


def sqlcipher_module() -> ModuleType:
    """The SQLCipher DB-API module, or :class:`SQLCipherMissing`. The call that loads the
    driver, before any connection can exist, sizes SQLite's lookaside memory
    (:mod:`db.vault.lookaside`); if something else loaded it first, the default stays."""
    with _LOADING:  # another thread's first call returns only once SQLite is set up
        first_load = lookaside.NATIVE_MODULE not in sys.modules
        try:
            module = importlib.import_module("sqlcipher3.dbapi2")
        except ImportError as error:
            raise SQLCipherMissing(detail=str(error)) from error
        if first_load:  # no connection can exist yet in this process
            lookaside.configure(module)
    return module


_HEX = b"0123456789abcdef"


def raw_key_spec(key: bytearray) -> bytearray:
    """SQLCipher's raw-key form ``x'<64 hex>'`` in a fresh bytearray (zero it after use).

    Built digit by digit: ``key.hex()`` or ``binascii.hexlify`` would leave an immutable
    copy of the key behind.
    """
    spec = bytearray(2 * len(key) + 3)
    spec[0:2] = b"x'"
    for index, byte in enumerate(key):
        spec[2 + 2 * index] = _HEX[byte >> 4]
        spec[3 + 2 * index] = _HEX[byte & 0x0F]
    spec[-1] = ord("'")
    return spec


def apply_key(conn: Any, key: bytearray) -> None:
    spec = raw_key_spec(key)
    try:
        conn.set_key(spec)
    finally:
        spec[:] = bytes(len(spec))


def connect_raw(path: Path, key: bytearray) -> Any:
    """A DB-API connection with the key applied and Threadline's pragmas set."""
    module = sqlcipher_module()
    conn = module.connect(str(path), check_same_thread=False, isolation_level=None)
    apply_key(conn, key)
    for pragma in CONNECTION_PRAGMAS:
        conn.execute(pragma).fetchall()
    return conn


def make_engine(path: Path, key: bytearray) -> Engine:
    """An engine whose every pooled connection is keyed; ``write`` begins IMMEDIATE.

    ``key`` is read each time a connection is made: the owner zeroes it after
    :meth:`Engine.dispose` and never uses the engine again.
    """
    module = sqlcipher_module()

    def creator() -> Any:
        return connect_raw(path, key)

    engine = create_engine(
        "sqlite://", creator=creator, module=module, poolclass=QueuePool,
        pool_size=4, max_overflow=4, hide_parameters=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get("threadline_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def sqlcipher_version() -> str:
    """The SQLCipher library's version (for Help ▸ About), e.g. ``"4.6.1 community"``."""
    module = sqlcipher_module()
    conn = module.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row and row[0] else "unknown"
