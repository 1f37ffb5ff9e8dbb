"""SQLCipher's ``cipher_memory_security`` stays off in Threadline's processes.

The setting is process-wide and, once on, stays on; what it costs and what it protects is
in docs/architecture-notes.md ("SQLite's heap is not locked or wiped"). A fresh process is
used because the pragma reads back on only once some connection in the process set it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_vault

ROOT = Path(__file__).resolve().parents[2]

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


def test_an_unlocked_vault_leaves_memory_security_off(tmp_path: Path) -> None:
    make_vault(tmp_path / "v")[0].close()
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path / "v")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    state, notes = done.stdout.split()
    assert (state, notes) == ("0", "0")
