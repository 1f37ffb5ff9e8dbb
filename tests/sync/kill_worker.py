"""Runs ``sync now`` on a vault in a loop, printing READY once unlocked; killed by
test_kill.py with SIGKILL at a random moment (mid-export or mid-apply)."""

from __future__ import annotations

import sys
from pathlib import Path

from db.sync.service import SyncService
from db.vault.vault import Vault


def main() -> None:
    folder, passphrase = sys.argv[1:3]
    vault = Vault.open(Path(folder))
    vault.unlock(passphrase)
    sync = SyncService(vault)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        sync.run()


if __name__ == "__main__":
    main()
