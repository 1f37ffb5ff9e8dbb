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
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path / "v")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    state, notes = done.stdout.split()
    assert (state, notes) == ("1", "0")
