"""Imports an export (or restores a backup) and stops for good inside the long step.

Run by test_import_cancel.py, which kills it with SIGKILL once it prints ``IN <step>``:
the kill lands inside the import's transaction (or the restore's build), every time.
Arguments: ``import VAULT EXPORT STEP`` or ``restore BACKUP TARGET STEP``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from db.crypto.kdf import Argon2Params
from db.progress import Step
from tests.conftest import PASSPHRASE


def main() -> None:
    what, first, second, wanted = sys.argv[1:5]

    def progress(step: Step, done: float | None) -> None:
        if step == Step(wanted) and done:
            sys.stdout.write(f"IN {step}\n")
            sys.stdout.flush()
            time.sleep(600)  # the test kills us here

    if what == "import":
        from db.interchange.files import import_json
        from db.vault.vault import Vault
        vault = Vault.open(Path(first))
        vault.unlock(PASSPHRASE)
        import_json(vault.database, Path(second), progress)
    else:
        from db.backup.service import Key, restore_backup
        restore_backup(Path(first), Key(passphrase=PASSPHRASE, accept_unsigned=True),
                       Path(second), PASSPHRASE, params=Argon2Params.minimum(),
                       progress=progress)


if __name__ == "__main__":
    main()
