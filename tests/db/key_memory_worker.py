"""Unlocks a vault, uses it, locks it, then waits: test_key_memory.py reads its memory.

Writes the raw data key (32 bytes, never as text) to the file given, prints ``LOCKED``
after locking, and waits until stdin closes. With a third argument ``leak`` it keeps the
key in hex on purpose (the control that shows the memory scan finds such a copy).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from db.services.hub import Services
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE


def main() -> None:
    folder, key_out = Path(sys.argv[1]), Path(sys.argv[2])
    vault = Vault.open(folder)
    vault.unlock(PASSPHRASE)
    services = Services.for_vault(vault)
    for client in services.clients.list_clients():  # some pooled connections at work
        services.sessions.list_for_client(client.id)
    services.search.search("harbour")
    fd = os.open(key_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, vault._key or b"")  # the bytearray itself: no hex text is made here
    os.close(fd)
    leaked = (vault._key or b"").hex() if sys.argv[3:] == ["leak"] else ""
    vault.lock()
    sys.stdout.write("LOCKED\n")
    sys.stdout.flush()
    sys.stdin.read()
    vault.close()
    del leaked


if __name__ == "__main__":
    main()
