"""Nothing the tests run reaches the real home: not a test, not a fixture of the whole run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _state_folder() -> Path:
    """Where Threadline would keep this device's state (db.vault.device_record)."""
    given = os.environ.get("XDG_STATE_HOME")
    return Path(given if given else os.path.expanduser("~/.local/state")).resolve()


@pytest.fixture(scope="session")
def state_seen_by_a_run_fixture() -> Path:
    return _state_folder()


def test_a_fixture_of_the_whole_run_has_a_private_state_folder(
        state_seen_by_a_run_fixture: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert tmp_path_factory.getbasetemp().resolve() in state_seen_by_a_run_fixture.parents


def test_a_test_has_a_state_folder_of_its_own(state_seen_by_a_run_fixture: Path) -> None:
    here = _state_folder()
    assert here != state_seen_by_a_run_fixture
    assert Path(os.environ["HOME"]).resolve() in here.parents
