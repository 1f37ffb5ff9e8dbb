"""Sync: applying a month (~100 sessions with marks) and a year (~1,200) of another
device's work, and how much folder each session takes."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.services.dto import ClientInput, SessionInput
from db.services.marks import MarkInput
from db.vocabulary import NoteKind
from tests.bench.harness import Figure, Recorder
from tests.sync.helpers import first_device, group_of, joined_device

NOTE = ("She arrived late and spoke first of the ferry, then of her mother's silence. "
        "When I wondered aloud about the lateness she laughed and changed the subject. ") * 12
CLIENTS = 8
MARKS_PER_SESSION = 3


def measure(sessions: int, work: Path) -> tuple[float, float, float, int]:
    """(CPU seconds to export, CPU seconds to apply on the other vault, wall seconds to
    apply, bytes in the folder). CPU time, because on two shared cores the wall time says
    more about the neighbours than about sync."""
    folder = work / "Sync"
    office = first_device(work / "office", folder)
    laptop = joined_device(work / "laptop", folder, group_of(office), "Laptop")
    try:
        themes = list(office.services.themes.ids_by_key().values())
        before = sum(p.stat().st_size for p in folder.rglob("*.tls"))
        per_client = sessions // CLIENTS
        for n in range(CLIENTS):
            client = office.services.clients.create(ClientInput(code=f"BN-{n:02d}")).value
            made = office.services.sessions.create_many(client.id, [
                SessionInput(date=date(2025, 1, 1) + timedelta(days=7 * k))
                for k in range(per_client)]).value
            office.services.notes.save_many([(s.id, NoteKind.PROCESS, f"{s.number}. {NOTE}")
                                             for s in made])
            office.services.marks.add_many([
                (s.id, MarkInput(theme_id=themes[(s.number + m) % len(themes)]))
                for s in made for m in range(MARKS_PER_SESSION)])
        start = time.process_time()
        office.sync.run()
        exported = time.process_time() - start
        start, wall = time.process_time(), time.perf_counter()
        laptop.sync.run()
        applied, wall = time.process_time() - start, time.perf_counter() - wall
        size = sum(p.stat().st_size for p in folder.rglob("*.tls")) - before
        return exported, applied, wall, size
    finally:
        office.close()
        laptop.close()


@pytest.mark.bench
@pytest.mark.parametrize(("label", "sessions"), [("a month", 96), ("a year", 1200)])
def test_apply_a_month_and_a_year(bench: Recorder, tmp_path: Path, label: str,
                                  sessions: int) -> None:
    exported, applied, wall, size = measure(sessions, tmp_path)
    command = "python -m pytest -m bench tests/bench/bench_sync.py"
    bench.record(Figure(section="Sync", name=f"apply {label} ({sessions} sessions, "
                        f"{MARKS_PER_SESSION} marks each), CPU time", unit="s",
                        samples=(applied,), target="recorded", command=command,
                        note=f"One run; {wall:.2f} s wall time; exporting it took "
                        f"{exported:.2f} s of CPU."))
    bench.record(Figure(section="Sync", name=f"folder size per session ({label})", unit="KB",
                        samples=(size / sessions / 1000,), target="recorded",
                        command=command, note="Sealed, compressed change files; a note of "
                        f"{len(NOTE)} characters and its first revision."))
