"""Pausing Python's cyclic garbage collector while the analytics build their results.

Loading a long treatment allocates a few hundred thousand short-lived objects (database
rows, intermediate lists) next to the few thousand that make the answer. With the
collector running, every 700 allocations start a collection, and the rows alive at that
moment are promoted towards the oldest generation, whose full collections scan every
object of the application (measured: 90 ms each, one every two or three loads). Paused,
nothing is scanned while the work runs; when it ends the short-lived objects are already
freed by reference counting, and the next collection sees only the answer.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (nesting and threads are safe: only the
    outermost pause that found it enabled enables it again)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
