"""Errors reach the person: the hooks that catch what nothing else caught.

An exception that escapes a Qt slot, an event handler or a thread would otherwise print a
traceback to a terminal nobody watches, and the clinician would see nothing happen.
:func:`install` puts :func:`sys.excepthook` and :func:`threading.excepthook` in place:
a :class:`ThreadlineError` shows its own sentence, anything else shows
:data:`desktop.gui.common.failures.CALM`; the log gets the class and the place it was raised,
never the message or the traceback (either may quote a note).

The sentence travels as the :attr:`ErrorHook.reported` signal, so an error in another
thread is shown on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from desktop.gui.common.failures import report

log = logging.getLogger(__name__)
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


class ErrorHook(QObject):
    """Signal: ``reported(str)``, the sentence to show, always on the GUI thread."""

    reported = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._previous: tuple[ExceptHook, ThreadHook] | None = None
        self.shown: list[str] = []  # what was reported, newest last (kept short)
        self._reporting = False

    def install(self) -> ErrorHook:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self._on_exception
            threading.excepthook = self._on_thread_exception
        return self

    def uninstall(self) -> None:
        """Put back the hooks that were there before (tests, and the app's exit)."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    @property
    def installed(self) -> bool:
        return self._previous is not None

    def _on_exception(self, kind: type[BaseException], error: BaseException,
                      traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(kind, error, traceback)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(traceback)
        self._report(error, "an action")

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self._report(args.exc_value, f"the thread {name}")

    def _report(self, error: BaseException, doing: str) -> None:
        if self._reporting:  # showing the sentence failed in turn: the log has the first
            log.error("showing an error failed: %s", type(error).__name__)
            return
        self._reporting = True
        try:
            message = report(error, doing)
            self.shown = [*self.shown[-9:], message]
            self.reported.emit(message)  # queued to the GUI thread when raised elsewhere
        except RuntimeError:  # the hook's object is gone (the app is quitting)
            pass
        finally:
            self._reporting = False


def install() -> ErrorHook:
    """Install the hooks; connect ``reported`` to where the sentence is shown."""
    return ErrorHook().install()
