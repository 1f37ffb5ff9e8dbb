"""What the seal adds to a save, and what each whole-file check costs (a focused probe).

Run: ``/work/main/.venv/bin/python -m tests.bench.probe_seal [SESSIONS]``. In a new vault
in a temporary folder:

* 600 autosaves of a 5,000-word note, interleaved with and without the seal (the commit
  counter's page and the seal's ``pwrite``), so that both see the same load, and the time
  of the seal's write alone;
* with SESSIONS (e.g. 4000), that many sessions of ~600 words are added, then
  ``PRAGMA cipher_integrity_check``, ``quick_check`` and ``integrity_check`` are timed.

Prints medians and p99 in ms. Not part of ``make bench``: it answers one question.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from tests.conftest import make_vault

WORDS = ["the", "silence", "after", "she", "spoke", "of", "her", "father", "felt", "long",
         "and", "the", "room", "seemed", "to", "hold", "its", "breath", "while", "he"]


def prose(words: int, salt: int) -> str:
    return " ".join(f"{WORDS[(i * 7 + salt) % len(WORDS)]}{'' if i % 11 else salt}"
                    for i in range(words))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def p99(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.99) - 1)]


def measure_saves(services: Services, database: Any, note: Any) -> None:
    """Saves interleaved three ways (sealed, unsealed, sealed), so all see the same load."""
    seal = database._seal
    spent: list[float] = []
    record = seal.record

    def timed_record(counter: int) -> None:
        start = time.perf_counter()
        record(counter)
        spent.append((time.perf_counter() - start) * 1000)

    seal.record = timed_record
    text = prose(5000, 1)
    timed: dict[bool, list[float]] = {True: [], False: []}
    for i in range(600):
        sealed = i % 3 != 1
        database._seal = seal if sealed else None
        text += f" word{i}"
        start = time.perf_counter()
        services.notes.save(note, "process", text, "autosave")
        timed[sealed].append((time.perf_counter() - start) * 1000)
    database._seal = seal
    seal.record = record
    for sealed, samples in timed.items():
        say(f"autosave of a 5,000-word note {'with' if sealed else 'without'} the seal: "
            f"median {statistics.median(samples):.2f} ms, p99 {p99(samples):.2f} ms "
            f"({len(samples)} saves)")
    say(f"of which the seal's write: median {statistics.median(spent):.3f} ms, "
        f"p99 {p99(spent):.3f} ms")


def measure_checks(vault: Any, count: int) -> None:
    database = vault.database
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    size = vault.db_path.stat().st_size / 1e6
    for pragma in ("cipher_integrity_check", "quick_check", "integrity_check"):
        runs = []
        for _ in range(3):
            with database.engine.connect() as conn:
                start = time.perf_counter()
                conn.exec_driver_sql(f"PRAGMA {pragma}").fetchall()
                runs.append(time.perf_counter() - start)
                conn.rollback()
        say(f"{pragma} on {size:.0f} MB ({count} sessions): median "
            f"{statistics.median(runs):.2f} s, {statistics.median(runs) / size * 100:.2f}"
            " s per 100 MB")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = make_vault(Path(tmp) / "vault")
        services = Services.for_vault(vault)
        client = services.clients.create(ClientInput(code="PROBE")).value
        note = services.sessions.create(client.id, SessionInput(date=date(2009, 1, 5))).value.id
        measure_saves(services, vault.database, note)
        if count:
            made = services.sessions.create_many(client.id, [
                SessionInput(date=date(2010, 1, 4) + timedelta(days=i)) for i in range(count)])
            ids = [s.id for s in made.value]
            for start in range(0, count, 500):
                services.notes.save_many([(sid, "process", prose(600, i)) for i, sid
                                          in enumerate(ids[start:start + 500], start)])
            measure_checks(vault, count)
        vault.close()


if __name__ == "__main__":
    main()
