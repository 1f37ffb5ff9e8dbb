"""A crash of Threadline leaves no core file: the data key and notes stay in memory only.

The child process asks for unlimited core files (as ``ulimit -c unlimited`` would), runs
Threadline's real start-up path, holds a canary and aborts. When the kernel writes cores
to a plain file name (``/proc/sys/kernel/core_pattern`` without ``|``) the test checks
that no core file appears; when cores are piped to a handler (systemd-coredump, apport)
the file check cannot see them, so the child's own view is asserted instead: it reports
itself non-dumpable (``PR_GET_DUMPABLE`` is 0) with ``RLIMIT_CORE`` 0. Both are asserted
in either case; a control run without the start-up path shows the check can fail.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CANARY = "canary-Aurelia-Quill-7731"

CHILD = f"""
import os, resource, sys
canary = bytearray({CANARY!r}.encode() * 1000)
if sys.argv[1] == "start":
    from desktop.__main__ import main
    main(["search", "--vault", sys.argv[2], "anything"])  # a real command, then the crash
from desktop.hardening import is_dumpable
print(int(is_dumpable()), resource.getrlimit(resource.RLIMIT_CORE)[0], flush=True)
os.abort()
"""


def _unlimited_cores() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def _core_pattern() -> str:
    try:
        return Path("/proc/sys/kernel/core_pattern").read_text().strip()
    except OSError:
        return ""


def _crash(tmp_path: Path, mode: str) -> tuple[subprocess.CompletedProcess[str], list[Path]]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(tmp_path / "no-vault")], cwd=tmp_path,
        capture_output=True, text=True, timeout=120, preexec_fn=_unlimited_cores,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == -signal.SIGABRT
    return result, [p for p in tmp_path.iterdir() if p.name.startswith("core")]


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl")


def test_a_crash_after_start_up_writes_no_core_and_forbids_ptrace(tmp_path: Path) -> None:
    result, cores = _crash(tmp_path, "start")
    dumpable, core_limit = result.stdout.split()
    assert (dumpable, core_limit) == ("0", "0")
    assert cores == []


@pytest.mark.skipif(_core_pattern().startswith("|") or "/" in _core_pattern(),
                    reason="cores go to a handler or another folder: no file to look for")
def test_control_the_same_crash_without_start_up_writes_a_core(tmp_path: Path) -> None:
    result, cores = _crash(tmp_path, "bare")
    assert result.stdout.split()[0] == "1"
    assert cores, "the kernel wrote no core even unhardened: the first test proves nothing"
    assert CANARY.encode() in cores[0].read_bytes()
    for core in cores:
        core.unlink()
