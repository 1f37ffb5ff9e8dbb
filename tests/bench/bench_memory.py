"""Peak memory with the large vault open, the biggest client and its timeline shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.harness import ROOT, Figure, Recorder

RUNS = int(os.environ.get("THREADLINE_BENCH_MEMORY_RUNS", "3"))


def measure_peak_memory(folder: Path, runs: int) -> tuple[
        tuple[float, ...], tuple[float, ...], tuple[float, ...], bool]:
    """(peak MB, peak MB once unlocked, resident MB once shown, whether a timeline view was
    there) over fresh processes, one per run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    peaks, opened, currents, shown = [], [], [], True
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-m", "tests.bench.memory_probe", str(folder)],
                             check=True, cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=900).stdout
        peak, peak_open, current, timeline = out.strip().splitlines()[-1].split()
        peaks.append(float(peak))
        opened.append(float(peak_open))
        currents.append(float(current))
        shown = shown and timeline == "1"
    return tuple(peaks), tuple(opened), tuple(currents), shown


@pytest.mark.bench
def test_peak_memory(bench: Recorder, large_vault: Path) -> None:
    peaks, opened, currents, timeline = measure_peak_memory(large_vault, RUNS)
    shown = ("the biggest client and its timeline" if timeline else
             "the biggest client (the timeline did not show a client)")
    bench.record(Figure(
        section="Large vault", name="peak memory, large vault open, timeline shown",
        unit="MB", samples=opened, max_value=300, target="≤ 300 MB",
        note=f"Peak resident memory (VmHWM) of a fresh process running the real main window "
             f"from the moment the vault is unlocked: {shown}, the background integrity "
             "check, the workspace. Counted after the key derivation, whose working memory "
             "is freed when it ends (next row)."))
    bench.record(Figure(
        section="Large vault", name="peak memory of the whole process, unlock included",
        unit="MB", samples=peaks,
        note="Peak resident memory of the same processes from their start: during unlocking, "
             "the Argon2id working memory the calibration chose for this vault on this "
             "machine (256 MiB, t = 6), freed right after the key is derived."))
    bench.record(Figure(
        section="Large vault", name="resident memory once shown", unit="MB",
        samples=currents, note="VmRSS of the same processes with everything shown."))
