"""``run_task``: the older call for background work, kept as a thin layer over
:class:`desktop.gui.jobs.Jobs` so there is one mechanism.

New code starts jobs on the window's ``context.jobs``; this runs them on one shared
:class:`Jobs` and hands ``on_error`` the exception itself, as callers of it expect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.gui.jobs import Failure, Job, Jobs

Task = Job

_shared: Jobs | None = None


def shared_jobs() -> Jobs:
    """The :class:`Jobs` behind :func:`run_task` (made when first needed)."""
    global _shared
    if _shared is None:
        _shared = Jobs()
    return _shared


def run_task(work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> Job:
    """Start ``work`` in the thread pool; ``on_done``/``on_error`` run on the GUI thread."""
    def failed(failure: Failure) -> None:
        on_error(failure.error)

    return shared_jobs().start(work, on_done=on_done, on_error=failed, name="a task")
