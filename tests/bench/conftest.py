"""Fixtures of `make bench`: the ``bench`` recorder and the shared large demo vault.

The report is written when the run ends.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.harness import Figure, Recorder
from tests.bench.large_vault import BENCH_DIR, census, ensure_demo_vault

_RECORDER = Recorder()


@pytest.fixture(scope="session")
def bench() -> Iterator[Recorder]:
    before = os.getloadavg()[0]
    yield _RECORDER
    if os.environ.get("THREADLINE_BENCH_SIZE", "large") != "large":
        return  # a check of the benchmarks on the small caseload: not the report's figures
    if _RECORDER.figures:
        _RECORDER.record(Figure(
            section="Machine", name="load average (1 min) at the start and end of the run",
            unit="", samples=(before, os.getloadavg()[0]),
            note=f"{os.cpu_count()} CPUs. Above the CPU count, other programs competed for "
                 "the processor during the run and the wall-clock figures are slower than "
                 "on an idle machine."))
    _RECORDER.save()


@pytest.fixture(scope="session")
def large_vault(bench: Recorder) -> Path:
    """The large demo vault, built once into build/bench/large-vault and reused.

    ``THREADLINE_BENCH_SIZE=small`` runs the suite on the small caseload instead (a quick
    check of the benchmarks themselves; its figures are not the report's).
    """
    given = os.environ.get("THREADLINE_BENCH_VAULT")
    if given:  # an existing vault (passphrase: the tests' one), e.g. a partly built caseload
        folder, seconds = Path(given), None
        size = "given"
    else:
        size = os.environ.get("THREADLINE_BENCH_SIZE", "large")
        folder, seconds = ensure_demo_vault(BENCH_DIR / f"{size}-vault", size)
    clients, sessions, marks = census(folder)
    bench.record(Figure(
        section="Demo data", name="sessions in the benchmarked vault", unit="sessions",
        samples=(float(sessions),),
        note=f"{clients} fictional clients, {marks:,} marks; the large caseload has 24,000 "
             "sessions (when fewer, its build did not finish on this machine in time)."))
    when = "in this run"
    if seconds is None and size == "large":  # built by an earlier run: its recorded time
        seconds = float(json.loads((folder.parent / "stamp.json").read_text())
                        ["build_seconds"])
        when = "by an earlier run (build/bench/large-vault/stamp.json)"
    if seconds is not None and size == "large":
        bench.record(Figure(
            section="Demo data", name="build the large demo vault", unit="s",
            samples=(seconds,), target="minutes at most",
            command="threadline demo --size large",
            note="60 clients, 24,000 sessions of about 600 words, about ten marks and one "
                 "relational episode a session, all through the services' bulk variants; "
                 f"built {when}."))
    return folder


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A benchmark module keeps one unlocked vault for all its figures (module-scoped
    fixtures), so the vault's own threads (the WAL checkpointer) rightly outlive each test;
    the leak check (tests/leaks.py) is for the suite's tests, not for these."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.allow_leaks("a benchmark's vault serves its module"))
