"""Searches run in the thread pool: let them finish before the vault of a test closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool


@pytest.fixture(autouse=True)
def searches_finish() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
