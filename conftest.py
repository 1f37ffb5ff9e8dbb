"""Test set-up shared by every test: headless Qt and a private home for each test.

Every test gets its own HOME, XDG folders and temp folder, so no test can reach a real vault, real
settings or a real log, and nothing a test writes outlives it. Fixtures that live for the whole
run or a module (the benchmarks' demo vault, built and counted before any test) get a private
home of their own for the run: opening a vault there records it in the device's state folder,
which must not be the real one either.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

_XDG = (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"))


def _live_in(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(home))
    tmp = home / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    for name, sub in _XDG:
        monkeypatch.setenv(name, str(home / sub))


@pytest.fixture(scope="session", autouse=True)
def private_run_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _live_in(tmp_path_factory.mktemp("run-home"), monkeypatch)
        yield


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> None:
    _live_in(tmp_path_factory.mktemp("home"), monkeypatch)
