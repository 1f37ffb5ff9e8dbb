"""Export of the large vault to interchange JSON, and the import of that file, each beside
its floor measured in the same run; the import's cost as the vault grows; its peak memory.

Floors: for the export, ``json.dumps`` of the same records (already read); for the
import, SQLite alone writing the same rows (:mod:`tests.bench.import_floor`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.interchange.files import export_json
from db.interchange.v1.writer import dumps, export_document
from db.vault.vault import Vault
from tests.bench.export_slices import write_slices
from tests.bench.harness import ROOT, Figure, Recorder
from tests.bench.import_floor import floor_seconds
from tests.bench.scaling_chart import BAND, CHART, deviations, per_session_ms, write_chart
from tests.conftest import PASSPHRASE

SECTION = "Export and import"
#: Sessions of the slices that show how the import's cost grows (the whole export last).
SCALING = tuple(int(n) for n in os.environ.get(
    "THREADLINE_BENCH_IMPORT_SIZES", "3000,6000,12000,24000").split(",") if n)


def measure_export(folder: Path, work: Path) -> tuple[float, float, int]:
    """(CPU seconds of the export, CPU seconds json.dumps takes for the same records, bytes
    of the file)."""
    out = work / "export.json"
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        cpu = time.process_time()
        export_json(vault.database, out)
        exported = time.process_time() - cpu
        document = export_document(vault.database)
        cpu = time.process_time()
        dumps(document)
        encoded = time.process_time() - cpu
        del document
    return exported, encoded, out.stat().st_size


def import_in_own_process(export: Path, work: Path, *,
                          memory_security: bool = True) -> tuple[float, float]:
    """(CPU seconds, peak resident MB) of a fresh process importing ``export``."""
    flag = [] if memory_security else ["--no-memory-security"]
    done = subprocess.run([sys.executable, "-m", "tests.bench.import_probe", *flag,
                           str(export), str(work)], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    cpu, _wall, peak = done.stdout.split()[-3:]
    return float(cpu), float(peak)


def sessions_in(export: Path) -> int:
    return len(json.loads(export.read_bytes())["sessions"])


def linearity_note(runs: list[tuple[int, float]]) -> str:
    cells = ", ".join(f"{n:,}: {s:.1f} s ({p:.2f} ms/session, {100 * d:+.0f} %)"
                      for (n, s), p, d in zip(runs, per_session_ms(runs), deviations(runs),
                                              strict=True))
    return (f"CPU time of a fresh process importing each slice (python -m "
            f"tests.bench.import_probe); sessions: CPU seconds (per session, against the mean "
            f"of all sizes): {cells}. Chart: ![import cost as the vault grows]"
            f"(images/import-scaling.svg)")


def export_figures(folder: Path, work: Path) -> tuple[list[Figure], Path]:
    """The export's figure, and the export file (``work/export.json``) it wrote."""
    exported, encoded, size = measure_export(folder, work)
    return [Figure(
        section=SECTION, name="export of the large vault, CPU time", unit="s",
        samples=(exported,), target="≤ 3 × json.dumps", floor_name="json.dumps of the records",
        floor_samples=(encoded,), max_ratio=3.0, command="threadline export --out FILE",
        note=f"Interchange JSON ({size / 1e6:,.0f} MB), one run; CPU time of the export "
             "against json.dumps of the same records already read.")], work / "export.json"


def import_figures(export: Path, work: Path, sizes: tuple[int, ...] = SCALING,
                   chart: Path = CHART) -> list[Figure]:
    """The import of ``export`` beside its floor, its peak memory, and its cost per session
    at each of ``sizes`` (slices of it; the whole export last), drawn into ``chart``."""
    load = os.getloadavg()[0]
    size = export.stat().st_size
    whole = sessions_in(export)
    floor = floor_seconds(export.read_bytes(), work)
    imported, peak = import_in_own_process(export, work)
    figures = [Figure(
        section=SECTION, name="import of the large export, CPU time", unit="s",
        samples=(imported,), target="≤ 3 × floor and < 60 s",
        floor_name="SQLite alone writing the same rows", floor_samples=(floor,),
        max_value=60.0, max_ratio=3.0, command="threadline import FILE",
        note=f"Into a new, empty vault, one run in a process of its own (parse, validate "
             f"every record and reference, insert, index): {whole:,} sessions; the file is "
             f"{size / 1e6:,.0f} MB of interchange JSON. CPU time (time.process_time), since "
             f"other programs on this shared machine inflate wall time; load average "
             f"{load:.1f} at the start. The floor: executemany into a fresh vault with the "
             f"app's pragmas and schema, the INSERT triggers lifted and the full-text index "
             f"filled by one INSERT … SELECT in rowid order (faster here than dropping and "
             f"re-creating the tables' indexes), the rows converted before its clock starts "
             f"(python -m tests.bench.import_floor FILE)."), Figure(
        section=SECTION, name="peak memory of the import", unit="MB", samples=(peak,),
        target="≤ 2 × the export", max_value=2 * size / 1e6,
        note=f"VmHWM of a fresh process importing the {size / 1e6:,.0f} MB export "
             "(python -m tests.bench.import_probe).")]
    paths = write_slices(export, work, tuple(n for n in sizes if n < whole))
    runs = [(n, import_in_own_process(path, work)[0]) for n, path in paths.items()]
    runs.append((whole, imported))
    for (n, seconds), per in zip(runs, per_session_ms(runs), strict=True):
        figures.append(Figure(
            section=SECTION, name=f"import time per session, {n:,} sessions", unit="ms",
            samples=(per,), note=f"{seconds:.1f} s CPU for {n:,} sessions."))
    write_chart(runs, chart)
    worst = max(abs(d) for d in deviations(runs))
    figures.append(Figure(
        section=SECTION, name="import time per session as the vault grows: largest deviation",
        unit="%", samples=(100 * worst,), target="within ±25 % of the mean",
        max_value=100 * BAND, note=linearity_note(runs)))
    return figures


@pytest.mark.bench
def test_export_and_import(bench: Recorder, large_vault: Path, tmp_path: Path) -> None:
    figures, export = export_figures(large_vault, tmp_path)
    for figure in [*figures, *import_figures(export, tmp_path)]:
        bench.record(figure)


def memory_security_figures(export: Path, work: Path, sessions: int) -> list[Figure]:
    """What SQLCipher's ``cipher_memory_security`` costs an import of a slice of ``export``
    with ``sessions`` sessions: the app turns it on (docs/architecture-notes.md)."""
    path = write_slices(export, work, (sessions,))[sessions]
    on, _ = import_in_own_process(path, work)
    off, _ = import_in_own_process(path, work, memory_security=False)
    return [Figure(
        section=SECTION, name=f"import of {sessions:,} sessions as the app runs it "
                             "(cipher_memory_security on)",
        unit="s", samples=(on,), floor_name="the same import with the setting off",
        floor_samples=(off,),
        note="CPU time of fresh processes importing the same slice; the probe leaves the "
             "setting out of its connections for the second "
             "(python -m tests.bench.import_probe --no-memory-security FILE DIR). Threadline "
             "keeps it on; why is in docs/architecture-notes.md.")]


@pytest.mark.bench
def test_what_memory_security_costs(bench: Recorder, large_vault: Path, tmp_path: Path) -> None:
    with Vault.open(large_vault) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        export_json(vault.database, tmp_path / "export.json")
    for figure in memory_security_figures(tmp_path / "export.json", tmp_path, SCALING[0]):
        bench.record(figure)
