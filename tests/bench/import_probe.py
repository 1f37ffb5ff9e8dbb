"""Run as a program: import an export into a new vault; print seconds and peak memory.

``python -m tests.bench.import_probe EXPORT.json WORK_DIR`` — a process of its own, so the
peak (``VmHWM``, which starts afresh at exec) belongs to this import alone. The last line
is ``cpu-seconds wall-seconds peak-MB`` (MB of 10^6 bytes, the unit the figures compare
with the export's size in): CPU time (``time.process_time``, all threads) is
the figure, since other programs on a shared machine inflate the wall time.

``--no-memory-security`` leaves SQLCipher's ``cipher_memory_security`` off for this
process (the app turns it on for every connection; docs/architecture-notes.md), to
measure what the setting costs. Only this probe can do that: it takes the pragma out of
the connection pragmas (the read-only ones too) before the first connection is opened.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from db.crypto.kdf import Argon2Params
from db.interchange.files import import_json
from db.vault.vault import Vault
from tests.conftest import PASSPHRASE


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6  # kB (KiB) -> MB of 10^6 bytes
    return 0.0


def memory_security_off() -> None:
    """Open this process's connections without the setting (it is one-way: once any
    connection set it, it stays on)."""
    from db.vault import engine

    for name in ("READ_ONLY_PRAGMAS", "CONNECTION_PRAGMAS"):
        setattr(engine, name, tuple(p for p in getattr(engine, name)
                                    if "cipher_memory_security" not in p))
    assert not any("memory_security" in p for p in engine.CONNECTION_PRAGMAS)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--no-memory-security"]
    if len(args) != len(sys.argv) - 1:
        memory_security_off()
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
