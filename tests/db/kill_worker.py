"""Saves notes as fast as it can, printing ACK n after each save returns.

Run by test_crash.py and tests/db/search/test_pending.py, which kill it with SIGKILL at a
random moment. The optional fifth argument is the save reason (``manual`` by default);
each saved text holds the word ``tideN`` of its number N.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from db.services.hub import Services
from db.vault.vault import Vault


def main() -> None:
    folder, passphrase, session_id, start = sys.argv[1:5]
    reason = sys.argv[5] if len(sys.argv) > 5 else "manual"
    vault = Vault.open(Path(folder))
    vault.unlock(passphrase)
    notes = Services.for_vault(vault).notes
    sid = uuid.UUID(session_id)
    n = int(start)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        n += 1
        notes.save_draft(sid, "process", f"draft {n} " + "word " * 200)
        notes.save(sid, "process", f"save {n} tide{n} " + "word " * 400, reason)
        sys.stdout.write(f"ACK {n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
