"""Cold start to the first painted window, against a bare PySide6 window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bench.harness import ROOT, Figure, Recorder
from tests.conftest import make_vault

RUNS = int(os.environ.get("THREADLINE_BENCH_RUNS", "7"))


def _wall(args: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)
    return (time.perf_counter() - start) * 1000


def measure_startup(vault_dir: Path, runs: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    app = [sys.executable, "-m", "desktop", "--vault", str(vault_dir), "--quit-after-show"]
    bare = [sys.executable, str(ROOT / "tests" / "bench" / "bare_window.py")]
    _wall(app), _wall(bare)  # warm the file cache once, as a second launch would be
    app_samples, bare_samples = [], []
    for _ in range(runs):  # interleaved, so drift in machine load hits both alike
        app_samples.append(_wall(app))
        bare_samples.append(_wall(bare))
    return tuple(app_samples), tuple(bare_samples)


@pytest.mark.bench
def test_cold_start(bench: Recorder, tmp_path: Path) -> None:
    vault, _ = make_vault(tmp_path / "vault")
    vault.close()
    app, bare = measure_startup(tmp_path / "vault", RUNS)
    figure = bench.record(Figure(
        section="Start-up", name="cold start to first painted window (unlock window)",
        unit="ms", samples=app, floor_name="bare PySide6 window", floor_samples=bare,
        max_ratio=1.3, target="≤ 1.3 × bare window",
        command="threadline --vault DIR --quit-after-show",
        note="Wall time of a new process each run, offscreen platform, file cache warm."))
    assert figure.samples
