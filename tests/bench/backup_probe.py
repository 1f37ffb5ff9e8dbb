"""Run as a program: one backup create or restore in a process of its own; print its CPU
seconds and peak memory.

``python -m tests.bench.backup_probe create VAULT_DIR OUT.age IDENTITY_FILE``
``python -m tests.bench.backup_probe restore BACKUP.age IDENTITY_FILE TARGET_DIR``

The vault is unlocked with the tests' passphrase (minimum Argon2id parameters, 64 MiB,
freed before the work starts); a restore makes its new vault with the minimum parameters
too. The last line is ``cpu-seconds peak-MB``, the peak being ``VmHWM``, which starts
afresh at exec, so it belongs to this work alone (and the unlock before it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from db.backup import age
from db.backup.service import Key, create_backup, restore_backup
from db.crypto.kdf import Argon2Params
from db.vault.vault import Vault
from tests.bench.import_probe import peak_mb
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "amber meadow 71 distant kettle"


def main() -> None:
    kind, *args = sys.argv[1:]
    if kind == "create":
        folder, out, identity_file = (Path(a) for a in args)
        identities = age.parse_identities(identity_file.read_text())
        with Vault.open(folder) as vault:
            vault.unlock(PASSPHRASE, verify=False)
            cpu = time.process_time()
            create_backup(vault.database, out,
                          recipients=[identity.to_public() for identity in identities])
            cpu = time.process_time() - cpu
    elif kind == "restore":
        backup, identity_file, target = (Path(a) for a in args)
        key = Key(identities=tuple(age.parse_identities(identity_file.read_text())),
                  accept_unsigned=True)
        cpu = time.process_time()
        restore_backup(backup, key, target, NEW_PASSPHRASE, params=Argon2Params.minimum())
        cpu = time.process_time() - cpu
    else:
        raise SystemExit(f"unknown kind {kind!r}")
    sys.stdout.write(f"{cpu:.3f} {peak_mb():.1f}\n")


if __name__ == "__main__":
    main()
