"""Python's cycle collector and the GUI thread: what is kept for the whole unlock is set
aside, and everything is collected at lock.

A full pass of the collector stops every thread while it walks every object it tracks.
With the large vault unlocked that is about 150,000 objects (modules, functions, the
taxonomy's theme chips, the widgets' wrappers, the open client's rows) and a pass took
60–130 ms on the bench machine at rest: reading a session in the background allocates
enough to set one off, and the window stood still for that long while the integrity check
ran (docs/performance-notes.md, "The collector's pauses").

Nearly all of those objects live until the vault is locked, so walking them again and
again finds nothing. :func:`gc.freeze` moves every object tracked at that moment out of
the collector's sight (reference counting still frees what is no longer used; only
cycles among frozen objects wait), and later passes walk only what was made after it.

At lock the frozen objects are handed back and one full pass runs, after the locked
screen is shown: whatever held client text in a cycle is freed then, not at some later
pass, and the next unlock starts from a clean heap. Closing the window only hands them
back (the process is ending).
"""

from __future__ import annotations

import gc


def set_aside_what_lasts() -> None:
    """Everything tracked now is kept until the next lock (at start-up, after unlock)."""
    gc.freeze()


def collect_after_lock() -> int:
    """Hand the set-aside objects back and collect everything unreachable (at lock).

    Returns how many objects the pass found unreachable."""
    gc.unfreeze()
    return gc.collect()


def hand_back() -> None:
    """The set-aside objects are seen by the collector again (on closing the window: the
    process ends, or, in tests, another window follows)."""
    gc.unfreeze()


def set_aside_count() -> int:
    return gc.get_freeze_count()
