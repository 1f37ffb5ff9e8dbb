"""The window's lifecycle hooks: what runs after unlocking, before locking, before closing.

:class:`~desktop.gui.main_window.MainWindow` runs them in one documented order, so no
extension depends on the order of signal connections or reads another widget's state:

1. ``unlocked`` — after the workspace is built and filled; extensions start their work.
2. ``verified`` — once the background integrity check has passed (right after
   ``unlocked`` when the unlock itself checked): work that can wait starts here, such as
   learning the theme suggestions, so that it never competes with the clinician's first
   clicks while the check reads the whole file. Python runs one thread at a time, and a
   long Python job beside the check made the window miss frames (docs/performance-notes.md).

Locking and closing run the same steps:

1. the editor's unsaved text is submitted and the write pipeline is drained (every
   acknowledged change is in the vault);
2. the ``before_lock`` (or ``before_close``) hooks, in registration order: the quit
   backup, later a sync export — they see the vault exactly as the clinician left it;
3. Threadline drops every piece of client text it holds: views and their models, undo
   stacks, the clipboard if it holds our text, the dialog record of test mode;
4. the vault locks (or closes): the key is wiped.

A hook that fails is logged by its error class and the others still run: a failing
extension must never keep the vault open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

Hook = Callable[[], object]


class Lifecycle:
    """Registration and running of the hooks (one per window, ``window.lifecycle``)."""

    def __init__(self) -> None:
        self._unlocked: list[Hook] = []
        self._verified: list[Hook] = []
        self._before_lock: list[Hook] = []
        self._before_close: list[Hook] = []

    def on_unlocked(self, hook: Hook) -> None:
        """``hook()`` after each unlock, once the workspace is filled."""
        self._unlocked.append(hook)

    def on_verified(self, hook: Hook) -> None:
        """``hook()`` after each unlock's integrity check has passed (after ``unlocked``)."""
        self._verified.append(hook)

    def before_lock(self, hook: Hook) -> None:
        """``hook()`` before each lock: writes are drained, the vault is still open."""
        self._before_lock.append(hook)

    def before_close(self, hook: Hook) -> None:
        """``hook()`` before the window closes the vault (quitting): writes are drained."""
        self._before_close.append(hook)

    def run_unlocked(self) -> None:
        self._run(self._unlocked)

    def run_verified(self) -> None:
        self._run(self._verified)

    def run_before_lock(self) -> None:
        self._run(self._before_lock)

    def run_before_close(self) -> None:
        self._run(self._before_close)

    @staticmethod
    def _run(hooks: list[Hook]) -> None:
        for hook in list(hooks):
            try:
                hook()
            except Exception as error:  # one failing extension must not keep the vault open
                log.error("lifecycle hook failed: %s", type(error).__name__)
