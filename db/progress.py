"""How long work says how far it got, and how it is asked to stop.

Import, restore, backup create/verify and export report progress through one callable,
``progress(step, done)``: ``step`` is a :class:`Step` (the front ends own the words for
people), ``done`` the share of that step finished (0.0 – 1.0), or ``None`` while the step
cannot tell. A :class:`Cancel` is checked between units of work where stopping leaves
nothing behind; a stopped job raises :class:`db.errors.Cancelled`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Protocol, TypeVar

from db.errors import Cancelled


class Step(StrEnum):
    READING = "reading"
    CHECKING = "checking"
    DECRYPTING = "decrypting"
    CREATING_VAULT = "creating_vault"
    IMPORTING = "importing"
    INDEXING = "indexing"
    EXPORTING = "exporting"
    ENCRYPTING = "encrypting"
    WRITING = "writing"
    VERIFYING = "verifying"


class Progress(Protocol):
    def __call__(self, step: Step, done: float | None) -> None: ...


def silent(step: Step, done: float | None) -> None:
    """A :class:`Progress` that says nothing (scripts, tests, work too short to show)."""


#: A background job that breathes (:class:`Cancel`) works this long, then pauses as long.
BREATH_S = 0.002

T = TypeVar("T")


class Cancel:
    """A request to stop, set from any thread; long work calls :meth:`check` between units.

    ``breathe=True`` is for long Python work beside a window (learning suggestions):
    Python runs one thread at a time, so a busy background thread makes the GUI thread
    wait for its turn at every call into Python, and the window misses frames. At each
    :meth:`check` past :data:`BREATH_S` of work, such a job sleeps as long, leaving the
    interpreter to the GUI thread; it takes about twice as long.
    """

    def __init__(self, *, breathe: bool = False) -> None:
        self._event = threading.Event()
        self._breathe = breathe
        self._since = time.perf_counter()

    def set(self) -> None:
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled
        if self._breathe and time.perf_counter() - self._since >= BREATH_S:
            time.sleep(BREATH_S)
            self._since = time.perf_counter()


def checked(items: Iterable[T], cancel: Cancel, every: int = 256) -> Iterator[T]:
    """``items``, with ``cancel`` checked before every ``every``-th (for long loops)."""
    for index, item in enumerate(items):
        if not index % every:
            cancel.check()
        yield item
