"""Adds sessions one by one, printing ACK n after each returns, then waits to be killed.

Run by test_wal_damage.py. The checkpointer is stopped first, as if the process were killed
before its checkpoint came: every acknowledged session is in the write-ahead log only.
"""

from __future__ import annotations

import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from db.services.dto import SessionInput
from db.services.hub import Services
from db.vault.vault import Vault


def main() -> None:
    folder, passphrase, client_id, count = sys.argv[1:5]
    vault = Vault.open(Path(folder))
    vault.unlock(passphrase)
    vault.database.checkpointer.stop()
    sessions = Services.for_vault(vault).sessions
    for n in range(1, int(count) + 1):
        sessions.create(uuid.UUID(client_id),
                        SessionInput(date=date(2026, 1, 5) + timedelta(days=7 * n)))
        sys.stdout.write(f"ACK {n}\n")
        sys.stdout.flush()
    sys.stdout.write("DONE\n")
    sys.stdout.flush()
    time.sleep(600)


if __name__ == "__main__":
    main()
