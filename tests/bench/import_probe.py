"""Run as a program: import an export into a new vault; print seconds and peak memory.

``python -m tests.bench.import_probe EXPORT.json WORK_DIR`` — a process of its own, so the
peak (``VmHWM``, which starts afresh at exec) belongs to this import alone. The last line
is ``cpu-seconds wall-seconds peak-MB``: CPU time (``time.process_time``, all threads) is
the figure, since other programs on a shared machine inflate the wall time.

``--memory-security`` first turns SQLCipher's ``cipher_memory_security`` on for the
process (the app leaves it off; docs/architecture-notes.md), to measure what it costs.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from db.crypto.kdf import Argon2Params
from db.interchange.files import import_json
from db.vault.engine import sqlcipher_module
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_security_on() -> None:
    """Switch the setting on for the whole process (it cannot be switched off again)."""
    conn = sqlcipher_module().connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_memory_security = ON").fetchall()
        conn.execute("CREATE TABLE t (x)").fetchall()  # an allocation: the flag reads on
        state = conn.execute("PRAGMA cipher_memory_security").fetchone()[0]
    finally:
        conn.close()
    assert state == "1", state


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--memory-security"]
    if len(args) != len(sys.argv) - 1:
        memory_security_on()
    export, work = Path(args[0]), Path(args[1])
    folder = work / "probe-import"
    shutil.rmtree(folder, ignore_errors=True)
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum())
    try:
        start, cpu = time.perf_counter(), time.process_time()
        import_json(vault.database, export)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        vault.close()
        shutil.rmtree(folder, ignore_errors=True)
    sys.stdout.write(f"{cpu:.3f} {seconds:.3f} {peak_mb():.1f}\n")


if __name__ == "__main__":
    main()
