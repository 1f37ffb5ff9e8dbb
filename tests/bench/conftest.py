"""Fixtures of `make bench`: the ``bench`` recorder and the shared large demo vault.

The report is written when the run ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.harness import Figure, Recorder
from tests.bench.large_vault import LARGE_DIR, ensure_demo_vault

_RECORDER = Recorder()


@pytest.fixture(scope="session")
def bench() -> Iterator[Recorder]:
    yield _RECORDER
    _RECORDER.save()


@pytest.fixture(scope="session")
def large_vault(bench: Recorder) -> Path:
    """The large demo vault, built once into build/bench/large-vault and reused."""
    folder, seconds = ensure_demo_vault(LARGE_DIR, "large")
    if seconds is not None:
        bench.record(Figure(
            section="Demo data", name="build the large demo vault", unit="s",
            samples=(seconds,), target="minutes at most",
            command="threadline demo --size large",
            note="60 clients, 24,000 sessions of about 600 words, about ten marks and one "
                 "relational episode a session, all through the services' bulk variants."))
    return folder
