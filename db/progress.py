"""How long work says how far it got, and how it is asked to stop.

Import, restore, backup create/verify and export report progress through one callable,
``progress(step, done)``: ``step`` is a :class:`Step` (the front ends own the words for
people), ``done`` the share of that step finished (0.0 – 1.0), or ``None`` while the step
cannot tell. A :class:`Cancel` is checked between units of work where stopping leaves
nothing behind; a stopped job raises :class:`db.errors.Cancelled`.
"""

from __future__ import annotations

import threading
from enum import StrEnum
from typing import Protocol

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


class Cancel:
    """A request to stop, set from any thread; long work calls :meth:`check` between units."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled
