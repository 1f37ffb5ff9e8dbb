"""Turn any failure of an import into words for the clinician: a sentence, and a list."""

from __future__ import annotations

import logging

from db.errors import ThreadlineError
from db.interchange.errors import ImportClash, InterchangeError
from db.interchange.v1.reader import MAX_PROBLEMS

log = logging.getLogger(__name__)

MAX_LISTED = 12


def sentence(error: BaseException, doing: str) -> str:
    """One sentence; the detail goes to the debug log (which never holds client data)."""
    if isinstance(error, ThreadlineError):
        log.info("%s failed: %s %s", doing, type(error).__name__, error.detail)
        return str(error)
    if isinstance(error, OSError):
        log.info("%s failed: %s errno=%s", doing, type(error).__name__, error.errno)
        return f"The file could not be read: {error.strerror or 'disk error'}."
    # Unexpected: the job that ran it has logged its class and place (never its text).
    return "Something went wrong; nothing was imported."


def export_problem(error: BaseException) -> str:
    """Why a Threadline export was not imported: one sentence, then the list if there is one.

    Clashes say how many records are already in the vault and name them; a document that
    breaks the format gives one sentence per problem found.
    """
    if isinstance(error, ImportClash):
        return with_list(str(error), error.problems)
    if isinstance(error, InterchangeError) and len(error.problems) > 1:
        count = f"{len(error.problems)}{' or more' if len(error.problems) >= MAX_PROBLEMS else ''}"
        return with_list(f"This export has {count} problems, so nothing was imported:",
                         error.problems)
    return sentence(error, "importing an export")


def with_list(message: str, items: list[str]) -> str:
    """``message``, then the first items as a list (and how many more there are)."""
    if not items or items == [message]:
        return message
    shown = [f"• {item}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        shown.append(f"… and {len(items) - MAX_LISTED} more.")
    return message + "\n\n" + "\n".join(shown)
