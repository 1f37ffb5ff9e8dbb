"""Peak memory with the large vault open and the biggest client shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.harness import ROOT, Figure, Recorder

RUNS = int(os.environ.get("THREADLINE_BENCH_MEMORY_RUNS", "3"))


def measure_peak_memory(folder: Path, runs: int) -> tuple[float, ...]:
    """Peak resident memory (MB) of a fresh process per run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-m", "tests.bench.memory_probe", str(folder)],
                             check=True, cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=600).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return tuple(samples)


@pytest.mark.bench
def test_peak_memory(bench: Recorder, large_vault: Path) -> None:
    bench.record(Figure(
        section="Large vault", name="peak memory, large vault open, biggest client shown",
        unit="MB", samples=measure_peak_memory(large_vault, RUNS), max_value=300,
        target="≤ 300 MB",
        note="ru_maxrss of a fresh process: unlock, client list, the 1,000-session client "
             "with all its marks and episodes loaded."))
