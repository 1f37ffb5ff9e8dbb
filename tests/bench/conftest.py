"""The ``bench`` fixture: record figures; the report is written when the run ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.bench.harness import Recorder

_RECORDER = Recorder()


@pytest.fixture(scope="session")
def bench() -> Iterator[Recorder]:
    yield _RECORDER
    _RECORDER.save()
