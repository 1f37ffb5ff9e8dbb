"""Start-up hardening: no core dumps and no debugger attachment for this process.

A crash of an unlocked Threadline would otherwise write a core file holding the data
key and the notes on screen. On Linux the process makes itself non-dumpable
(``prctl(PR_SET_DUMPABLE, 0)``: no core file, no ``ptrace`` attachment by other
processes of the same user, ``/proc/<pid>/mem`` closed to them) and sets
``RLIMIT_CORE`` to 0. On other systems the equivalents are set by the bundle (see
``docs/architecture-notes.md``); here they are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name or "libc.so.6", use_errno=True)
    except OSError:
        return None


def harden_process() -> bool:
    """Forbid core dumps and ptrace attachment; True when both took effect."""
    if sys.platform.startswith("linux"):
        return _harden_linux()
    if sys.platform == "darwin":  # pragma: no cover - macOS builds only
        return _no_core_files()
    return False  # Windows: WER local dumps are switched off by the installer (docs)


def _no_core_files() -> bool:
    import resource

    # The soft limit only: the hard one is inherited by every child and, once lowered,
    # cannot be raised again without privilege. The non-dumpable flag is what keeps a core
    # of this process from being written; the limit is the second lock on that door.
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    except (OSError, ValueError):
        log.warning("could not set RLIMIT_CORE to 0")
        return False
    return True


def _harden_linux() -> bool:
    limited = _no_core_files()
    libc = _libc()
    if libc is None or libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        log.warning("could not make the process non-dumpable")
        return False
    return limited


def is_dumpable() -> bool:
    """Whether the kernel would write a core for (or let a debugger attach to) us."""
    if not sys.platform.startswith("linux"):
        return True
    libc = _libc()
    return libc is None or libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0
