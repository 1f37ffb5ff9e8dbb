"""What an unexpected error becomes: one calm sentence for the clinician, one log line.

A typed :class:`ThreadlineError` keeps its own sentence. Anything else is a fault of
Threadline: the person sees :data:`CALM`, and the log gets the exception's class and the
module and line that raised it — never ``str(error)`` or a traceback, which may quote
note text.
"""

from __future__ import annotations

import logging
from types import TracebackType

from db.errors import ThreadlineError

log = logging.getLogger(__name__)

CALM = ("Something went wrong, and Threadline stopped what it was doing. Your notes are "
        "safe; details (without any note text) are in the log.")


def origin(traceback: TracebackType | None) -> str:
    """``module:line`` of the frame that raised (the innermost one), or ``"?"``."""
    if traceback is None:
        return "?"
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    module = traceback.tb_frame.f_globals.get("__name__", "?")
    return f"{module}:{traceback.tb_lineno}"


def log_unexpected(error: BaseException, doing: str) -> None:
    """One line: what was being done, the error's class and where it was raised."""
    log.error("%s failed: %s at %s", doing, type(error).__name__,
              origin(error.__traceback__))


def sentence_for(error: BaseException, fallback: str = CALM) -> str:
    """The sentence to show for ``error``: a typed error's own, else ``fallback``."""
    return str(error) if isinstance(error, ThreadlineError) else fallback


def report(error: BaseException, doing: str) -> str:
    """Log ``error`` (its class and place if unexpected, its detail if typed) and return
    the sentence to show."""
    if isinstance(error, ThreadlineError):
        log.info("%s failed: %s %s", doing, type(error).__name__, error.detail)
    else:
        log_unexpected(error, doing)
    return sentence_for(error)
