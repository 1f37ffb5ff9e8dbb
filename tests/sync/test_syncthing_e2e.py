"""Two vaults kept in step by two real Syncthing instances on loopback (slow)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from db.errors import ValidationError
from db.services.dto import ClientInput
from db.sync.folder import MARKER
from tests.sync import syncthing
from tests.sync.helpers import Device, first_device, group_of, joined_device, shared_bytes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(syncthing.BINARY is None,
                       reason="the syncthing binary is not installed (apt install syncthing)"),
]


def _wait(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _has(device: Device, code: str) -> bool:
    device.sync.run()
    try:
        device.services.clients.by_code(code)
    except ValidationError:  # no client with that code (yet)
        return False
    return True


def _in_step(one: Device, two: Device) -> bool:
    one.sync.run()
    two.sync.run()
    return shared_bytes(one) == shared_bytes(two)


def test_two_syncthing_instances_carry_changes_both_ways(tmp_path: Path) -> None:
    with syncthing.pair_of_instances(tmp_path) as (one, two):
        _wait(lambda: (one.folder / ".stfolder").exists()
              and (two.folder / ".stfolder").exists(), 60, "Syncthing to make its folders")
        office = first_device(tmp_path / "office", one.folder, "Office")
        laptop = None
        try:
            office.services.clients.create(ClientInput(code="ST-01"))
            office.sync.run()
            _wait(lambda: (two.folder / MARKER).exists(), 120,
                  "the folder marker to reach the second instance")
            laptop = joined_device(tmp_path / "laptop", two.folder, group_of(office), "Laptop")
            _wait(lambda: _has(laptop, "ST-01"), 120, "the office's client on the laptop")
            laptop.services.clients.create(ClientInput(code="ST-02"))
            laptop.sync.run()
            _wait(lambda: _has(office, "ST-02"), 120, "the laptop's client at the office")
            _wait(lambda: _in_step(office, laptop), 120, "the two vaults to be in step")
        finally:
            office.close()
            if laptop is not None:
                laptop.close()

