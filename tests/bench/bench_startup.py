"""Cold start to the first painted window, against a bare PySide6 window."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.bench.harness import ROOT, Figure, Recorder
from tests.conftest import make_vault

RUNS = int(os.environ.get("THREADLINE_BENCH_RUNS", "7"))
#: Both processes run with their modules' bytecode cached here, as an installed app has it
#: (PySide6's own modules always are): without it, a machine that sets
#: PYTHONDONTWRITEBYTECODE would compile Threadline's modules from source at every start.
BYTECODE = ROOT / "build" / "bench" / "pycache"
TIMEOUT_S = 120


class Startup(NamedTuple):
    """Per run, in ms: wall time and CPU time of Threadline's process and the bare one's."""

    app: tuple[float, ...]
    bare: tuple[float, ...]
    app_cpu: tuple[float, ...]
    bare_cpu: tuple[float, ...]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) ms of one process. ``wait()`` without a timeout blocks in ``waitpid``:
    with one, Python polls every 50 ms and every figure would be rounded up to that."""
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONPYCACHEPREFIX=str(BYTECODE))
    cpu = _children_cpu()
    start = time.perf_counter()
    with subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as process:
        watchdog = threading.Timer(TIMEOUT_S, process.kill)
        watchdog.start()
        try:
            code = process.wait()
        finally:
            watchdog.cancel()
    wall = (time.perf_counter() - start) * 1000
    if code != 0:
        raise subprocess.CalledProcessError(code, args)
    return wall, (_children_cpu() - cpu) * 1000


def measure_startup(vault_dir: Path, runs: int) -> Startup:
    app = [sys.executable, "-m", "desktop", "--vault", str(vault_dir), "--quit-after-show"]
    bare = [sys.executable, str(ROOT / "tests" / "bench" / "bare_window.py")]
    _run(app), _run(bare)  # warm the file and bytecode caches, as a second launch would
    app_runs, bare_runs = [], []
    for _ in range(runs):  # interleaved, so drift in machine load hits both alike
        app_runs.append(_run(app))
        bare_runs.append(_run(bare))
    return Startup(tuple(w for w, _ in app_runs), tuple(w for w, _ in bare_runs),
                   tuple(c for _, c in app_runs), tuple(c for _, c in bare_runs))


@pytest.mark.bench
def test_cold_start(bench: Recorder, tmp_path: Path) -> None:
    vault, _ = make_vault(tmp_path / "vault")
    vault.close()
    runs = measure_startup(tmp_path / "vault", RUNS)
    figure = bench.record(Figure(
        section="Start-up", name="cold start to first painted window (unlock window)",
        unit="ms", samples=runs.app, floor_name="bare PySide6 window", floor_samples=runs.bare,
        max_ratio=1.3, target="≤ 1.3 × bare window",
        command="threadline --vault DIR --quit-after-show",
        note="Wall time of a new process each run, offscreen platform, file cache warm, "
             "bytecode cached (as installed); both quit on their first paint."))
    bench.record(Figure(
        section="Start-up", name="cold start to first painted window, CPU time",
        unit="ms", samples=runs.app_cpu, floor_name="bare PySide6 window",
        floor_samples=runs.bare_cpu, max_ratio=1.3, target="≤ 1.3 × bare window",
        note="The same processes' CPU time (user + system), which other programs on a busy "
             "machine do not inflate."))
    assert figure.samples
