"""After lock, the data key in hex (the form SQLCipher's raw-key syntax needs) is nowhere
in the process's memory: it was never made as an immutable ``str``.

The worker's memory is read from ``/proc/<pid>/mem`` by this (parent) process, so the
search pattern never exists in the process searched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_vault

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/pid/mem")


def occurrences(pid: int, needles: list[bytes]) -> int:
    found = 0
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            parts = line.split()
            if "r" not in parts[1] or (len(parts) > 5 and parts[5].startswith("[v")):
                continue
            start, end = (int(x, 16) for x in parts[0].split("-"))
            try:
                mem.seek(start)
                chunk = mem.read(end - start)
            except (OSError, OverflowError, ValueError):
                continue
            found += sum(chunk.count(needle) for needle in needles)
    return found


def hex_copies_after_lock(tmp_path: Path, *extra: str) -> int:
    make_vault(tmp_path / "v")[0].close()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "db" / "key_memory_worker.py"), str(tmp_path / "v"),
         str(tmp_path / "key"), *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "LOCKED"
        key = (tmp_path / "key").read_bytes()
        assert len(key) == 32
        hexed = key.hex().encode()
        return occurrences(proc.pid, [hexed, hexed.upper()])
    finally:
        proc.communicate("", timeout=60)


def test_no_hex_copy_of_the_key_survives_lock(tmp_path: Path) -> None:
    assert hex_copies_after_lock(tmp_path) == 0


def test_control_a_kept_hex_copy_is_found(tmp_path: Path) -> None:
    assert hex_copies_after_lock(tmp_path, "leak") >= 1
