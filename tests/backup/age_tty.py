"""Run the ``age`` command line with a passphrase typed on a terminal.

``age -p`` and ``age -d`` of a passphrase file read the passphrase from the terminal only
(``/dev/tty``), never from a pipe, so the tool runs on a pseudo-terminal of its own and
the passphrase is typed at each prompt.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time

#: Longer than age's scrypt at work factor 18 on a busy machine.
TIMEOUT_S = 120

available = sys.platform != "win32"


def run(args: list[str], passphrase: str) -> None:
    """``age *args``, answering every passphrase prompt; raises if it fails."""
    import pty

    pid, terminal = pty.fork()
    if pid == 0:  # the child: nothing but exec
        try:
            os.execvp("age", ["age", *args])
        finally:
            os._exit(127)
    shown, answered = b"", 0
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 1.0)
            if not ready:
                continue
            try:
                data = os.read(terminal, 1024)
            except OSError:  # the child closed the terminal: it has finished
                break
            if not data:
                break
            shown += data
            while answered < shown.count(b"passphrase"):
                os.write(terminal, passphrase.encode() + b"\n")
                answered += 1
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(terminal)
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"age {args[0]} failed: {shown[-300:]!r}")
