"""Searches run as background jobs: let them finish before the vault of a test closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.gui.common.jobs import every_jobs


@pytest.fixture(autouse=True)
def searches_finish() -> Iterator[None]:
    yield
    for jobs in every_jobs():
        jobs.wait_all(10_000)
