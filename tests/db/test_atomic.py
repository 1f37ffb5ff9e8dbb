"""Atomic writes: the old file or the complete new one, never half of either."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db.atomic import atomic_writer, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_write_replaces_the_file_and_keeps_it_private(tmp_path: Path) -> None:
    target = tmp_path / "vault.key"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert leftovers(tmp_path) == []


def test_an_error_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_bytes(b"old")

    def write_half() -> None:
        with atomic_writer(target) as handle:
            handle.write(b"half of the ne")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_half()
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_the_check_reads_the_complete_temp_file_before_the_rename(tmp_path: Path) -> None:
    target = tmp_path / "backup.age"
    seen: list[bytes] = []
    with atomic_writer(target, check=lambda tmp: seen.append(tmp.read_bytes())) as handle:
        handle.write(b"sealed")
    assert seen == [b"sealed"]
    assert target.read_bytes() == b"sealed"


def test_a_failed_check_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "backup.age"
    target.write_bytes(b"the last good backup")

    def damaged(tmp: Path) -> None:
        raise ValueError("does not read back the same")

    with pytest.raises(ValueError, match="read back"), \
            atomic_writer(target, check=damaged) as handle:
        handle.write(b"garbled")
    assert target.read_bytes() == b"the last good backup"
    assert leftovers(tmp_path) == []


def test_a_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "vault.key"
    target.write_bytes(b"old")
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path.cwd())!r})
        from db.atomic import atomic_writer
        with atomic_writer(__import__("pathlib").Path({str(target)!r})) as handle:
            handle.write(b"new but not finished")
            handle.flush()
            print("writing", flush=True)
            sys.stdin.readline()
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert target.read_bytes() == b"old"
