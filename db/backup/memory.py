"""Whether this machine can spare the memory a backup's scrypt passphrase check needs.

scrypt needs 128·r·N bytes (age uses r = 8, N = 2^work factor): 256 MiB at 18 (what Go's
age writes), 512 MiB at 19 and 1 GiB at 20 (rage calibrates to about a second, so fast
machines write these), 4 GiB at 22, the ceiling in :mod:`db.backup.age`. A crafted
backup at that ceiling made a process under a memory cap abort inside the Rust
allocator with no message at all. Before decrypting, the need is compared with what the
process can actually get:

* ``MemAvailable`` from ``/proc/meminfo`` (the kernel's estimate of what can be
  allocated without swapping), less a margin for the rest of Threadline;
* the address-space limit (``ulimit -v``, RLIMIT_AS) less what the process already uses;
* the cgroup's ``memory.max`` less its ``memory.current`` (containers, systemd slices).

The whole of ``MemAvailable`` (less the margin) rather than a fraction: an honest backup
made on a fast machine may well need 1–2 GiB, and refusing it on a laptop that has the
memory would lock the clinician out of their own backup. Where none of these can be
read (other systems) only the ceiling applies.
"""

from __future__ import annotations

import mmap
import sys
from pathlib import Path

from db.backup.errors import BackupError

SCRYPT_R = 8
#: Memory the rest of the process may need while scrypt runs.
MARGIN = 256 * 1024**2

if sys.platform != "win32":
    import resource


def scrypt_bytes(work_factor: int) -> int:
    return 128 * SCRYPT_R * (1 << work_factor)


def _meminfo_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _address_space_left() -> int | None:
    if sys.platform == "win32":
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        used = int(Path("/proc/self/statm").read_text().split()[0]) * mmap.PAGESIZE
    except (OSError, ValueError, IndexError):
        used = 0
    return soft - used


def _cgroup_left() -> int | None:
    try:
        line = Path("/proc/self/cgroup").read_text().splitlines()[0]
        group = Path("/sys/fs/cgroup") / line.split(":", 2)[2].lstrip("/")
        limit = (group / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return int(limit) - int((group / "memory.current").read_text())
    except (OSError, ValueError, IndexError):
        return None


def available_bytes() -> int | None:
    """What this process can allocate now, as far as can be told; ``None``: unknown."""
    known = [value - MARGIN for value in (_meminfo_available(), _address_space_left(),
                                          _cgroup_left()) if value is not None]
    return min(known) if known else None


def _gib(count: int) -> str:
    return f"{max(count, 0) / 1024**3:.1f} GiB"


def check_work_factor(work_factor: int, available: int | None = None) -> None:
    """Raises :class:`BackupError` when the passphrase check would not fit in memory."""
    need = scrypt_bytes(work_factor)
    spare = available_bytes() if available is None else available
    if spare is not None and need > spare:
        raise BackupError(
            f"Opening this backup needs about {_gib(need)} of memory for its passphrase "
            f"check, more than this computer can spare now ({_gib(spare)}); close other "
            "programs or open it on a computer with more memory.")
