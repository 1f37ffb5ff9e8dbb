"""What the seal adds to a save, and what each whole-file check costs (a focused probe).

Run: ``/work/main/.venv/bin/python -m tests.bench.probe_seal [SESSIONS]``. Builds a
vault of SESSIONS sessions (default 4,000) of ~600 words in a temporary folder, then:

* autosaves of a 5,000-word note, alternating with and without the seal (the commit
  counter and the seal's pwrite + fdatasync), so that both see the same load;
* ``PRAGMA cipher_integrity_check``, ``quick_check`` and ``integrity_check`` on the file.

Prints medians and p99 in ms. Not part of ``make bench``: it answers one question.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = make_vault(Path(tmp) / "vault")
        services = Services.for_vault(vault)
        client = services.clients.create(ClientInput(code="PROBE")).value
        made = services.sessions.create_many(client.id, [
            SessionInput(date=date(2010, 1, 4) + timedelta(days=i)) for i in range(count)])
        ids = [s.id for s in made.value]
        for start in range(0, count, 500):
            services.notes.save_many([(sid, "process", prose(600, i))
                                      for i, sid in enumerate(ids[start:start + 500], start)])
        database = vault.database
        seal = database._seal
        note, text = ids[0], prose(5000, 1)
        timed: dict[bool, list[float]] = {True: [], False: []}
        for i in range(400):
            sealed = i % 2 == 0
            database._seal = seal if sealed else None
            text += f" word{i}"
            start = time.perf_counter()
            services.notes.save(note, "process", text, "autosave")
            timed[sealed].append((time.perf_counter() - start) * 1000)
        database._seal = seal
        for sealed, samples in timed.items():
            say(f"autosave {'with' if sealed else 'without'} the seal: "
                  f"median {statistics.median(samples):.2f} ms, p99 {p99(samples):.2f} ms "
                  f"({len(samples)} saves)")
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
        vault.close()


if __name__ == "__main__":
    main()
