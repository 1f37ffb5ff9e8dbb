"""SQLite's lookaside memory, made large enough for bulk writes under memory security.

SQLite serves its many small, short-lived allocations (bound values, cursors, records,
parse trees) from a per-connection *lookaside* buffer, and only the rest from the heap.
With ``cipher_memory_security = ON`` every heap allocation SQLite makes is ``mlock``-ed
when made and wiped and ``munlock``-ed when freed: two system calls, and in Linux a split
and a merge of the process's memory map, for each. The default lookaside (1,200-byte
slots, 40 of them, about 120 in all once split into small ones) is held entirely by the
prepared statements a connection keeps cached, so in practice *every* small allocation
went to the heap: an import of 3,000 sessions made three million ``munlock`` calls and
spent more than half its time in the kernel (docs/performance-notes.md, "The import,
fourth pass").

:func:`configure` asks for :data:`SLOT_BYTES` × :data:`SLOTS` per connection through
``sqlite3_config(SQLITE_CONFIG_LOOKASIDE, …)``, which SQLite accepts only before it is
initialised, that is before the process's first connection: :mod:`db.vault.engine` calls
it when it loads the driver (if anything else loaded the driver first, it is not called).
The buffer itself is one heap allocation, so it is locked and, when the connection
closes (at lock), wiped like the rest of SQLite's heap;
while the vault is open its slots hold recent row values as the page cache holds
decrypted pages. If the call cannot be made (a driver built without the symbol, a process
where SQLite already started, a platform where ``ctypes`` cannot pass variadic
arguments), the defaults stay: everything works, bulk writes are slower.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys
from types import ModuleType

log = logging.getLogger(__name__)

SQLITE_OK = 0
SQLITE_CONFIG_LOOKASIDE = 13  # int slot size, int slot count
#: Measured on the import (docs/performance-notes.md): 1,200 × 500 (600 kB a connection)
#: left no small allocation of a bulk insert to the heap; more gave nothing.
SLOT_BYTES = 1200
SLOTS = 500

#: The driver's native module: until it is loaded, no connection can exist.
NATIVE_MODULE = "sqlcipher3._sqlite3"

_configured: bool | None = None


def _variadic_ints_work() -> bool:
    # Apple's arm64 ABI passes variadic arguments on the stack, which ctypes (without a
    # prototype for them) does not do; everywhere else we ship, ints go in registers.
    return not (sys.platform == "darwin" and platform.machine() in ("arm64", "aarch64"))


def configure(driver: ModuleType) -> bool:
    """Set the lookaside size of every connection this process will open (once; later
    calls return the first answer). ``driver`` is the SQLCipher DB-API module, loaded just
    now: this shuts SQLite down and sets it up again, which only a process without any
    connection may do (:func:`db.vault.engine.sqlcipher_module` calls it only then)."""
    global _configured
    if _configured is not None:
        return _configured
    _configured = False
    if not _variadic_ints_work():
        return False
    try:
        native = sys.modules[NATIVE_MODULE]
        library = ctypes.CDLL(native.__file__)
        sqlite3_config = library.sqlite3_config
    except (KeyError, AttributeError, OSError, TypeError) as error:
        log.info("lookaside left at its default: %s", type(error).__name__)
        return False
    sqlite3_config.restype = ctypes.c_int
    # The driver initialises SQLite when it loads; with no connection open yet, shutting
    # it down again is harmless (the next connection initialises it anew, SQLCipher too)
    # and is the only moment the lookaside of all connections can be chosen.
    library.sqlite3_shutdown()
    rc = sqlite3_config(SQLITE_CONFIG_LOOKASIDE, ctypes.c_int(SLOT_BYTES), ctypes.c_int(SLOTS))
    if rc != SQLITE_OK:  # SQLITE_MISUSE: SQLite was already initialised in this process
        log.info("lookaside left at its default: sqlite3_config returned %d", rc)
        return False
    _configured = True
    return True


def configured() -> bool:
    """Whether this process's connections get the larger lookaside."""
    return bool(_configured)
