"""Re-encrypts a vault, printing ``P <fraction>`` as the copy grows and ``DONE`` at the end.

Run by test_rekey.py, which kills it with SIGKILL at chosen moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from db.vault import rekey
from db.vault.vault import Vault


def main() -> None:
    folder, passphrase, new_passphrase = sys.argv[1:4]
    rekey.PROGRESS_SECONDS = 0.005  # many progress lines: many moments to be killed at
    vault = Vault.open(Path(folder))
    vault.unlock(passphrase, verify=False)
    sys.stdout.write("READY\n")
    sys.stdout.flush()

    def progress(fraction: float) -> None:
        sys.stdout.write(f"P {fraction:.3f}\n")
        sys.stdout.flush()

    vault.rekey(new_passphrase, progress)
    sys.stdout.write("DONE\n")
    sys.stdout.flush()
    vault.close()


if __name__ == "__main__":
    main()
