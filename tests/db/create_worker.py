"""Creates a vault (floor KDF parameters) and holds it open; run by test_vault_races.py.

``create FOLDER``: print ``INIT`` when the schema is in place and the taxonomy is about to
be loaded, then ``DONE`` when the vault exists, then wait until stdin closes.
``hold FOLDER``: open the existing vault, print ``HELD``, wait until stdin closes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from db.crypto.kdf import Argon2Params
from db.services.hub import initialize_vault
from db.vault.database import Database
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE


def _announce(database: Database) -> None:
    sys.stdout.write("INIT\n")
    sys.stdout.flush()
    initialize_vault(database)


def main() -> None:
    action, folder = sys.argv[1:3]
    if action == "create":
        vault, _ = Vault.create(Path(folder), PASSPHRASE, params=Argon2Params.minimum(),
                                initialize=_announce)
        sys.stdout.write("DONE\n")
    else:
        vault = Vault.open(Path(folder))
        sys.stdout.write("HELD\n")
    sys.stdout.flush()
    sys.stdin.read()
    vault.close()


if __name__ == "__main__":
    main()
