"""A tiny run of the benchmark machinery, so that `make bench` keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.bench_startup import measure_startup
from tests.bench.harness import Figure, render, timed
from tests.conftest import make_vault


def test_startup_measurement_runs(tmp_path: Path) -> None:
    vault, _ = make_vault(tmp_path / "vault")
    vault.close()
    runs = measure_startup(tmp_path / "vault", runs=1)
    assert len(runs.app) == len(runs.bare) == len(runs.app_cpu) == len(runs.bare_cpu) == 1
    assert all(sample > 0 for sample in runs.app + runs.bare + runs.app_cpu + runs.bare_cpu)


def test_report_renders_ratios_and_verdicts(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import asdict

    from tests.bench import harness

    monkeypatch.setattr(harness, "REPORT", tmp_path / "performance.md")
    fast = Figure("Search", "one word", "ms", (10.0, 12.0, 11.0), floor_name="bare FTS5",
                  floor_samples=(8.0, 8.0, 8.0), max_value=50, max_ratio=2.0)
    slow = Figure("Search", "phrase", "ms", (90.0,), max_value=50)
    assert fast.met is True
    assert slow.met is False
    render({"a": asdict(fast), "b": asdict(slow)})
    text = (tmp_path / "performance.md").read_text()
    assert "| one word | 11.0 ms |" in text
    assert "1.38×" in text
    assert "**no**" in text
    assert len(timed(lambda: None, runs=3)) == 3


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo vault made the way the benchmarks make the large one."""
    from db.crypto.kdf import Argon2Params
    from tests.bench.large_vault import ensure_demo_vault

    folder, seconds = ensure_demo_vault(tmp_path_factory.mktemp("bench") / "small", "small",
                                        params=Argon2Params.minimum())
    assert seconds is not None
    assert seconds > 0
    assert ensure_demo_vault(folder.parent, "small")[1] is None  # reused, not rebuilt
    return folder


def test_vault_benchmarks_run_on_a_demo_vault(demo_vault: Path) -> None:
    from db.services.hub import Services
    from db.vault.vault import Vault
    from tests.bench.bench_unlock import measure_unlock
    from tests.bench.bench_vault import (
        biggest_client,
        measure_autosave,
        measure_search_after_typing,
        open_client,
    )
    from tests.conftest import PASSPHRASE

    derivation, rest = measure_unlock(demo_vault, runs=1)
    assert derivation[0] > 0
    assert rest[0] > 0
    with Vault.open(demo_vault) as vault:
        vault.unlock(PASSPHRASE, verify=False)
        services = Services.for_vault(vault)
        client_id = biggest_client(services)
        before = services.clients.get(client_id).session_count
        assert len(timed(lambda: open_client(services, client_id), runs=2)) == 2
        for samples, cpu in measure_autosave(services, client_id, saves=3):
            assert len(samples) == len(cpu) == 3
            assert services.clients.get(client_id).session_count == before + 1
        assert services.clients.get(client_id).session_count == before
        after, paused, settled = measure_search_after_typing(services, client_id, runs=2)
        assert len(after) == len(paused) == len(settled) == 2
        assert services.clients.get(client_id).session_count == before


def test_peak_memory_probe_runs(demo_vault: Path) -> None:
    from tests.bench.bench_memory import measure_peak_memory

    (peak,), (opened,), (current,), _ = measure_peak_memory(demo_vault, runs=1)
    assert 20 < current <= opened <= peak < 2000


def test_peak_memory_probe_does_not_count_the_process_that_started_it(
        demo_vault: Path) -> None:
    """Linux keeps a parent's peak in its child's ru_maxrss across exec: the probe once
    reported 2,371 MB because the benchmark runner had grown that large."""
    from tests.bench.bench_memory import measure_peak_memory

    ballast = bytearray(b"x") * (1200 * 1024 * 1024)  # every page touched
    try:
        (peak,), _, _, _ = measure_peak_memory(demo_vault, runs=1)
    finally:
        del ballast
    assert peak < 1000



def test_export_import_floor_scaling_and_memory_run(demo_vault: Path,
                                                   tmp_path: Path) -> None:
    from tests.bench.bench_import import (
        export_figures,
        import_figures,
        memory_security_figures,
    )
    from tests.bench.import_floor import MAINTAINED_INDEXES, REBUILT_INDEXES, floor_seconds

    figures, export = export_figures(demo_vault, tmp_path)
    assert export.stat().st_size > 100_000
    for how in (MAINTAINED_INDEXES, REBUILT_INDEXES):
        assert floor_seconds(export.read_bytes(), tmp_path, how) > 0
    chart = tmp_path / "chart.svg"
    figures += import_figures(export, tmp_path, (20, 60), chart)
    named = {f.name: f for f in figures}
    assert named["export of the large vault, CPU time"].floor_samples[0] > 0
    imported = named["import of the large export, CPU time"]
    assert imported.median > 0
    assert imported.floor_median
    assert 20 < named["peak memory of the import"].median < 2000
    per = [f for f in figures if f.name.startswith("import time per session, ")]
    assert [f.name.split(", ")[1] for f in per][:2] == ["20 sessions", "60 sessions"]
    assert all(f.median > 0 for f in per)
    deviation = named["import time per session as the vault grows: largest deviation"]
    assert "ms/session" in deviation.note
    cost = memory_security_figures(export, tmp_path, 20)
    assert cost[0].median > 0
    assert cost[0].floor_median
    assert chart.read_text().startswith("<svg")
    assert "sessions imported" in chart.read_text()


def test_backup_figures_and_their_floors_run(demo_vault: Path, tmp_path: Path) -> None:
    import shutil

    if shutil.which("age") is None:
        pytest.skip("the age tool is not installed")
    from tests.bench.bench_backup import backup_figures

    figures = {f.name: f for f in backup_figures(demo_vault, tmp_path, 1, 1)}
    for name in ("backup create (export, tar, encrypt, write, verify), CPU time",
                 "backup verify (decrypt, checksums, validate), CPU time",
                 "backup restore (verify, new vault, import), CPU time"):
        assert figures[name].median > 0
        assert figures[name].floor_median
    for name in ("peak memory of a backup create", "peak memory of a restore"):
        assert 20 < figures[name].median < 2000
