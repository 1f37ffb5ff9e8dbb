"""Run as a program: open a vault, show the biggest client, print the peak memory in MB.

``python -m tests.bench.memory_probe VAULT_DIR`` — a process of its own, so that the
peak (``ru_maxrss``) belongs to this one measurement.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from db.services.hub import Services, after_unlock
from db.vault.vault import Vault
from tests.bench.bench_vault import biggest_client, open_client
from tests.conftest import PASSPHRASE


def main(folder: Path) -> float:
    vault = Vault.open(folder)
    try:
        vault.unlock(PASSPHRASE, verify=False)
        after_unlock(vault.database)
        services = Services.for_vault(vault)
        client_id = biggest_client(services)
        open_client(services, client_id)
        services.marks.list_for_client(client_id)
        services.episodes.list_for_client(client_id)
    finally:
        vault.close()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.stdout.write(f"{main(Path(sys.argv[1])):.1f}\n")
