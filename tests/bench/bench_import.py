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

from db.interchange.files import export_json, import_json
from db.interchange.v1.writer import dumps, export_document
from db.vault.vault import Vault
from tests.bench.export_slices import write_slices
from tests.bench.harness import ROOT, Figure, Recorder
from tests.bench.import_floor import floor_seconds
from tests.conftest import PASSPHRASE, make_vault

SECTION = "Export and import"
#: Sessions of the slices that show how the import's cost grows (the whole export last).
SCALING = tuple(int(n) for n in os.environ.get(
    "THREADLINE_BENCH_IMPORT_SIZES", "3000,6000,12000").split(",") if n)


def measure_export_import(folder: Path, work: Path) -> tuple[float, float, int, str, float]:
    """(export seconds, import seconds, bytes of the file, the import's summary, the
    seconds json.dumps takes for the same records)."""
    out = work / "export.json"
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        start = time.perf_counter()
        export_json(vault.database, out)
        exported = time.perf_counter() - start
        document = export_document(vault.database)
        start = time.perf_counter()
        dumps(document)
        encoded = time.perf_counter() - start
        del document
    fresh, _ = make_vault(work / "imported")
    try:
        start = time.perf_counter()
        report = import_json(fresh.database, out)
        imported = time.perf_counter() - start
    finally:
        fresh.close()
    return exported, imported, out.stat().st_size, report.summary(), encoded


def import_in_own_process(export: Path, work: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of a fresh process importing ``export``."""
    done = subprocess.run([sys.executable, "-m", "tests.bench.import_probe", str(export),
                           str(work)], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, peak = done.stdout.split()[-2:]
    return float(seconds), float(peak)


def scaling(export: Path, work: Path, sizes: tuple[int, ...]) -> list[tuple[int, float]]:
    """(sessions, seconds) of importing slices of ``export`` of these sizes, and the whole."""
    paths = write_slices(export, work, sizes)
    whole = len(json.loads(export.read_bytes())["sessions"])
    runs = [(size, import_in_own_process(paths[size], work)[0]) for size in sizes]
    return [*runs, (whole, import_in_own_process(export, work)[0])]


def linearity_note(runs: list[tuple[int, float]]) -> str:
    per = [(n, 1000 * s / n) for n, s in runs]
    mean = sum(p for _, p in per) / len(per)
    cells = ", ".join(f"{n:,}: {s:.1f} s ({p:.2f} ms/session, {100 * (p / mean - 1):+.0f} %)"
                      for (n, s), (_, p) in zip(runs, per, strict=True))
    return f"Sessions: seconds (per session, against the mean): {cells}."


@pytest.mark.bench
def test_export_and_import(bench: Recorder, large_vault: Path, tmp_path: Path) -> None:
    load = os.getloadavg()[0]
    exported, imported, size, summary, encoded = measure_export_import(large_vault, tmp_path)
    export = tmp_path / "export.json"
    floor = floor_seconds(export.read_bytes(), tmp_path)
    _, peak = import_in_own_process(export, tmp_path)
    bench.record(Figure(
        section=SECTION, name="import of the large export", unit="s",
        samples=(imported,), target="≤ 3 × floor and < 60 s",
        floor_name="SQLite alone writing the same rows", floor_samples=(floor,),
        max_value=60.0, max_ratio=3.0, command="threadline import FILE",
        note=f"Into a new, empty vault, one run (parse, validate every record and "
             f"reference, insert, index): {summary.rstrip('.')}; the file is "
             f"{size / 1e6:,.0f} MB of interchange JSON. The floor: executemany into a fresh "
             f"vault with the app's pragmas and schema, the INSERT triggers lifted and the "
             f"full-text index filled by one INSERT … SELECT in rowid order (faster here "
             f"than dropping and re-creating the tables' indexes); load average {load:.1f}."))
    bench.record(Figure(
        section=SECTION, name="peak memory of the import", unit="MB", samples=(peak,),
        target="≤ 2 × the export", max_value=2 * size / 1e6,
        note=f"VmHWM of a fresh process importing the {size / 1e6:,.0f} MB export "
             "(python -m tests.bench.import_probe)."))
    bench.record(Figure(
        section=SECTION, name="export of the large vault", unit="s",
        samples=(exported,), target="≤ 3 × json.dumps", floor_name="json.dumps of the records",
        floor_samples=(encoded,), max_ratio=3.0, command="threadline export --out FILE",
        note="Interchange JSON, one run."))
    runs = scaling(export, tmp_path, SCALING)
    per = [s / n for n, s in runs]
    bench.record(Figure(
        section=SECTION, name="import time per session as the vault grows", unit="ms",
        samples=tuple(1000 * p for p in per), target="within ±25 % of the mean",
        note=linearity_note(runs)))
