"""Export of the large vault to interchange JSON, and the import of that file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from db.interchange.files import export_json, import_json
from db.vault.vault import Vault
from tests.bench.harness import Figure, Recorder
from tests.conftest import PASSPHRASE, make_vault


def measure_export_import(folder: Path, work: Path) -> tuple[float, float, int, str]:
    """(export seconds, import seconds, bytes of the file, the import's summary)."""
    out = work / "export.json"
    with Vault.open(folder) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        start = time.perf_counter()
        export_json(vault.database, out)
        exported = time.perf_counter() - start
    fresh, _ = make_vault(work / "imported")
    try:
        start = time.perf_counter()
        report = import_json(fresh.database, out)
        imported = time.perf_counter() - start
    finally:
        fresh.close()
    return exported, imported, out.stat().st_size, report.summary()


@pytest.mark.bench
def test_export_and_import(bench: Recorder, large_vault: Path, tmp_path: Path) -> None:
    exported, imported, size, summary = measure_export_import(large_vault, tmp_path)
    bench.record(Figure(
        section="Export and import", name="import of the large export", unit="s",
        samples=(imported,), target="recorded", command="threadline import FILE",
        note=f"Into a new, empty vault, one run: {summary.rstrip('.')}; the file is "
             f"{size / 1e6:,.0f} MB of interchange JSON."))
    bench.record(Figure(
        section="Export and import", name="export of the large vault", unit="s",
        samples=(exported,), target="recorded", command="threadline export --out FILE",
        note="Interchange JSON, one run."))
