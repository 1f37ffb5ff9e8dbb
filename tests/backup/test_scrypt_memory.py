"""A backup whose passphrase check needs more memory than the machine can spare is refused.

Under a memory cap (``ulimit -v``), a crafted backup at the highest work factor
Threadline accepts made the process abort inside the allocator with no message; now it
is one sentence, before any memory is asked for.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase

from db.backup.age import MAX_SCRYPT_WORK_FACTOR
from db.backup.errors import BackupError
from db.backup.memory import available_bytes, check_work_factor, scrypt_bytes

ROOT = Path(__file__).resolve().parents[2]
CAP = 3 * 1024**3  # an address-space cap below the 4 GiB the ceiling needs


def forged(work_factor: int) -> bytes:
    data = age_passphrase.encrypt(b"x", "pw")
    changed = re.sub(rb"(-> scrypt \S+) \d+\n", rb"\1 %d\n" % work_factor, data, count=1)
    assert changed != data
    return changed


def test_the_memory_scrypt_needs() -> None:
    assert scrypt_bytes(18) == 256 * 1024**2
    assert scrypt_bytes(MAX_SCRYPT_WORK_FACTOR) == 4 * 1024**3


def test_refused_with_a_sentence_when_memory_is_short() -> None:
    with pytest.raises(BackupError, match=r"needs about 4\.0 GiB of memory"):
        check_work_factor(22, available=2 * 1024**3)
    check_work_factor(19, available=2 * 1024**3)  # an honest rage backup still opens


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS, /proc")
def test_the_ceiling_under_a_memory_cap_is_one_sentence_not_an_abort(tmp_path: Path) -> None:
    backup = tmp_path / "crafted.age"
    backup.write_bytes(forged(MAX_SCRYPT_WORK_FACTOR))
    pw = tmp_path / "pw"
    pw.write_text("pw\n")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "backup", "verify", str(backup),
         "--backup-passphrase-file", str(pw)], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=_capped, timeout=300,
        stdin=subprocess.DEVNULL)
    assert result.returncode == 1, result.stderr[-500:]
    assert result.stderr.count("\n") == 1
    assert "memory" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS, /proc")
def test_the_address_space_cap_counts(tmp_path: Path) -> None:
    code = ("from db.backup.memory import available_bytes; "
            "print(available_bytes())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            preexec_fn=_capped, timeout=60, check=True)
    assert int(result.stdout) < CAP
    free = available_bytes()
    assert free is None or free > 0
