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
    app, bare = measure_startup(tmp_path / "vault", runs=1)
    assert len(app) == len(bare) == 1
    assert all(sample > 0 for sample in app + bare)


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
