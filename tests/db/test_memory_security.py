"""SQLCipher's ``cipher_memory_security`` is on in Threadline's processes.

The setting is process-wide and, once on, stays on; what it costs and what it protects is
in docs/architecture-notes.md ("SQLite's heap stays locked and wiped"). A fresh process is
used so that nothing else in it has set the pragma already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_vault

ROOT = Path(__file__).resolve().parents[2]


def _in_a_fresh_process(program: str, vault: Path) -> str:
    """What ``program`` prints, run in a new interpreter on the vault at ``vault``."""
    done = subprocess.run([sys.executable, "-c", program, str(vault)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout

PROGRAM = """
import sys
from pathlib import Path
from sqlalchemy import text
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE

with Vault.open(Path(sys.argv[1])) as vault:
    vault.unlock(PASSPHRASE)
    with vault.database.read() as session:
        state = session.execute(text("PRAGMA cipher_memory_security")).scalar()
        notes = session.execute(text("SELECT count(*) FROM note_revision")).scalar()
print(state, notes)
"""


def test_an_unlocked_vault_has_memory_security_on(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    out = _in_a_fresh_process(PROGRAM, tmp_path / "v")
    state, notes = out.split()
    assert (state, notes) == ("1", "0")


LOOKASIDE_PROGRAM = """
import ctypes, sys
from pathlib import Path
from sqlalchemy import text
from db.vault import lookaside
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE

vault = Vault.open(Path(sys.argv[1]))  # loads the driver (and sizes the lookaside)
library = ctypes.CDLL(sys.modules[lookaside.NATIVE_MODULE].__file__)
library.sqlite3_db_status.argtypes = [ctypes.c_void_p, ctypes.c_int,
    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int), ctypes.c_int]
library.sqlite3_get_autocommit.argtypes = [ctypes.c_void_p]
MISS_FULL = 6  # SQLITE_DBSTATUS_LOOKASIDE_MISS_FULL

with vault:
    vault.unlock(PASSPHRASE)
    with vault.database.write() as session:
        driver = session.connection().connection.driver_connection
        # The driver's connection object holds its sqlite3* right after the object header.
        handle = ctypes.c_void_p(ctypes.c_void_p.from_address(
            id(driver) + ctypes.sizeof(ctypes.c_ssize_t) + ctypes.sizeof(ctypes.c_void_p)).value)
        assert library.sqlite3_get_autocommit(handle) == 0  # it is this connection, in BEGIN
        session.execute(text("CREATE TEMP TABLE scratch (a TEXT, b TEXT)"))
        current, worst = ctypes.c_int(), ctypes.c_int()
        library.sqlite3_db_status(handle, MISS_FULL, current, worst, 1)
        driver.executemany("INSERT INTO scratch VALUES (?, ?)",
                           [(f"fictional row {i}", "x" * 200) for i in range(2000)])
        library.sqlite3_db_status(handle, MISS_FULL, current, worst, 1)
print(lookaside.configured(), worst.value)
"""


def test_small_allocations_stay_in_lookaside_under_memory_security(tmp_path: Path) -> None:
    """With memory security on, every allocation SQLite takes from the heap costs two
    system calls; a bulk insert of small rows must find room in the lookaside instead
    (db/vault/lookaside.py). With the default size, this insert missed it 6,000 times."""
    make_vault(tmp_path / "v")[0].close()
    out = _in_a_fresh_process(LOOKASIDE_PROGRAM, tmp_path / "v")
    configured, misses = out.split()
    assert (configured, misses) == ("True", "0")


EARLY_PROGRAM = """
import sys
from pathlib import Path
import sqlcipher3
from db.vault import lookaside
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE

early = sqlcipher3.connect(":memory:")
early.execute("CREATE TABLE t (x)")
with Vault.open(Path(sys.argv[1])) as vault:
    vault.unlock(PASSPHRASE)
    early.execute("INSERT INTO t VALUES ('still here')")
print(lookaside.configured(), early.execute("SELECT x FROM t").fetchone()[0])
"""


def test_a_driver_loaded_by_someone_else_is_left_as_it_is(tmp_path: Path) -> None:
    """Resizing the lookaside means shutting SQLite down and up again, which would pull
    the ground from under a connection opened before: then the default size stays."""
    make_vault(tmp_path / "v")[0].close()
    out = _in_a_fresh_process(EARLY_PROGRAM, tmp_path / "v")
    assert out.split(None, 1) == ["False", "still here\n"]
